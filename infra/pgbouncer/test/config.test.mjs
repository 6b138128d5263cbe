import { describe, expect, it } from "vitest";
import { renderConfig } from "../pgbouncer.mjs";

describe("the local PgBouncer's config", () => {
  const ini = renderConfig({
    port: 16432,
    serverHost: "127.0.0.1",
    serverPort: 5432,
    authUser: "postgres",
    paths: { users: "/data/userlist.txt" },
  });

  it("pools by transaction, as production's pooler does", () => {
    expect(ini).toMatch(/^pool_mode = transaction$/m);
  });

  it("listens on its own port on loopback only, with no Unix socket", () => {
    expect(ini).toMatch(/^listen_addr = 127\.0\.0\.1$/m);
    expect(ini).toMatch(/^listen_port = 16432$/m);
    expect(ini).toMatch(/^unix_socket_dir =$/m);
  });

  it("passes every database of the server on, and looks roles up through the owner", () => {
    expect(ini).toMatch(/^\* = host=127\.0\.0\.1 port=5432$/m);
    expect(ini).toMatch(/^auth_user = postgres$/m);
    expect(ini).toMatch(/^auth_file = \/data\/userlist\.txt$/m);
  });
});

import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../paths.mjs";
import { composeVersion } from "./compose.mjs";
import { officialImages, STAND_IN_COMPOSE, STAND_IN_FOR } from "./stand-ins.mjs";

describe("stand-ins for the images no registry serves", () => {
  it("cover every official image docker-compose.yml and the Dockerfiles name", () => {
    const images = officialImages();
    expect(images).toContain("postgres:16");
    expect(images).toContain("node:26-bookworm-slim");
    expect(images.filter((image) => !STAND_IN_FOR[image])).toEqual([]);
  });

  it("are what the overlay points each service at, never pulled", () => {
    const base = parse(fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"), {
      merge: true,
    });
    const overlay = parse(fs.readFileSync(STAND_IN_COMPOSE, "utf8"), { merge: true });
    for (const [name, service] of Object.entries(base.services)) {
      const over = overlay.services[name];
      if (service.image) {
        expect(over?.image, name).toBe(STAND_IN_FOR[service.image]);
        expect(over?.pull_policy, name).toBe("never");
      } else {
        expect(over?.build?.args?.NODE_IMAGE, name).toBe(STAND_IN_FOR["node:26-bookworm-slim"]);
      }
    }
  });
});

describe("composeVersion", () => {
  it("reads Debian's and Docker's version lines", () => {
    expect(composeVersion("Docker Compose version 2.26.1-4")).toEqual([2, 26, 1]);
    expect(composeVersion("Docker Compose version v2.29.7")).toEqual([2, 29, 7]);
    expect(composeVersion("docker: 'compose' is not a docker command.")).toBeUndefined();
  });
});

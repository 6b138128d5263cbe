// Signing-key chores. `new` prints a private key (JWK) to put first in JWT_KEYS; `rotate` and
// `retire` do the same two steps on the local key file (.data/identity/keys.json).
import { readFile, writeFile } from "node:fs/promises";
import { generateSigningJwk } from "../adapters/keys/signing-keys";
import { DEFAULT_KEYS_FILE } from "../config";

const [command = "", file = DEFAULT_KEYS_FILE] = process.argv.slice(2);
const readKeys = async () => (JSON.parse(await readFile(file, "utf8")) as { keys: unknown[] }).keys;
const writeKeys = (keys: unknown[]) =>
  writeFile(file, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });

switch (command) {
  case "new":
    console.log(JSON.stringify(await generateSigningJwk()));
    break;
  case "rotate": {
    const keys = [await generateSigningJwk(), ...(await readKeys())];
    await writeKeys(keys);
    console.log(`${file}: new signing key first, ${keys.length - 1} older key(s) still verify`);
    break;
  }
  case "retire": {
    const [current] = await readKeys();
    await writeKeys([current]);
    console.log(`${file}: kept only the signing key`);
    break;
  }
  default:
    console.error(
      "usage: npm run keys -w @marquee/identity -- new | rotate [file] | retire [file]",
    );
    process.exitCode = 1;
}

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

// The check-in desk's QR decoder (zxing-cpp compiled to WebAssembly, from the `zxing-wasm` package
// the desk's `barcode-detector` uses), served by the site itself: the package would otherwise
// fetch it from a public CDN, which the site's CSP (and a door without internet) does not allow.
// The desk asks for it with the package's version in the query, so it may be cached for good.

// Resolved when first asked for, from the app's folder, as the server runs it (not at build time).
const resolveFromApp = createRequire(path.join(process.cwd(), "package.json")).resolve;
// Read once and kept (about 1 MB); every answer sends the same bytes.
let decoder: Promise<Uint8Array<ArrayBuffer>> | undefined;

export async function GET(): Promise<Response> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    decoder ??= readFile(resolveFromApp("zxing-wasm/reader/zxing_reader.wasm")).then(
      (file) => new Uint8Array(file),
    );
    bytes = await decoder;
  } catch (error) {
    decoder = undefined;
    console.error("the QR decoder (zxing-wasm) could not be read", error);
    return new Response("The QR decoder is not installed on this server.", {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  return new Response(bytes, {
    headers: {
      "content-type": "application/wasm",
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}

// The public document api/check publishes is the one couple-service serves (GET /v1/openapi, saved by the api module's
// PublicApiDocumentTest from the test stack), told as production tells it: the entry point and identity provider of
// the services' built documents instead of the test instance's, no per-path servers (the entry point routes them).
import { readFileSync, writeFileSync } from "node:fs";

const [servedFile, builtFile, out] = process.argv.slice(2);
const served = JSON.parse(readFileSync(servedFile, "utf8"));
const built = JSON.parse(readFileSync(builtFile, "utf8"));
for (const item of Object.values(served.paths)) delete item.servers;
served.servers = built.servers;
served.components.securitySchemes = built.components.securitySchemes;
writeFileSync(out, JSON.stringify(served, null, 2) + "\n");

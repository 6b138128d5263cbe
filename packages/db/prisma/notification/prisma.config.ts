import { prismaCliConfig } from "../../src/prisma-cli-config";

export default prismaCliConfig("notification");

/** The seven services and their ports, as DESIGN.md and each service's package.json give them. */
export const services = [
  ["identity", 5000],
  ["catalog", 5001],
  ["inventory", 5002],
  ["ordering", 5003],
  ["payment", 5004],
  ["fulfillment", 5005],
  ["notification", 5006],
] as const;

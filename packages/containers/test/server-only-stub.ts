// Stands in for the `server-only` package while the web app's environment module is imported.
export {};

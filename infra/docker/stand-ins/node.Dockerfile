# Stand-in for node:26-bookworm-slim, the NODE_IMAGE of Marquee's Dockerfiles: Debian bookworm with
# this machine's Node.js and npm, the machine's CA certificates (npm inside a build verifies the
# registry with them) and a `node` user (uid 1000), as in the official image. The Node.js version
# is the machine's, not 26: no other Node binary is at hand without a registry.
ARG DEBIAN_IMAGE=marquee-standin/debian:bookworm
FROM ${DEBIAN_IMAGE}
COPY node /usr/local/bin/node
COPY npm/ /usr/local/lib/node_modules/npm/
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
  && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
  && groupadd --gid 1000 node \
  && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]

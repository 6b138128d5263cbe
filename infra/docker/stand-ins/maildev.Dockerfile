# Stand-in for maildev/maildev:2.2.1: the same MailDev release from the npm registry on the node
# stand-in, with wget for docker-compose.yml's health check. MAILDEV_* variables configure it as
# they do the official image.
ARG NODE_IMAGE=marquee-standin/node
FROM ${NODE_IMAGE}
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q && apt-get install -y -q --no-install-recommends wget \
  && rm -rf /var/lib/apt/lists/* \
  && npm install --global --no-audit --no-fund maildev@2.2.1
USER node
EXPOSE 1025 1080
ENTRYPOINT ["maildev"]

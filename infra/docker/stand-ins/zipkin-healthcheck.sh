#!/bin/sh
# As docker-healthcheck in openzipkin/zipkin: healthy when the server reports UP.
wget -q -O - http://127.0.0.1:9411/health | grep -q '"UP"'

# syntax=docker/dockerfile:1
# Build: a static binary (cgo for SQLite, linked statically), so the final
# image needs nothing but CA certificates.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces go-dateparser with this local stand-in (see its README).
COPY third_party ./third_party
RUN go mod download
COPY . .
ARG VERSION=dev
RUN sh .ci/build-static /out/briefbot "$VERSION" \
 && mkdir -p /out/data

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/briefbot /briefbot
# The database lives on a volume owned by the unprivileged user.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
VOLUME ["/data"]
ENV BRIEFBOT_DB=/data/briefbot.db
ENTRYPOINT ["/briefbot"]
CMD ["run"]

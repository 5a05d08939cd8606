# tessera: the recording service in a container.
#   docker build -t tessera .
#   docker run -p 8080:8080 -p 50000:50000/udp -v tessera-data:/data tessera --public-ip PUBLIC_IP --api-key KEY
# The install steps are the project's own script (scripts/install-deps.sh), the same one `make run` and CI use.

# Build: Swift 6 on Debian 12, a release binary with the Swift runtime linked in.
FROM swift:6.2-bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN bash scripts/install-deps.sh --build && rm -rf /var/lib/apt/lists/*
COPY Package.swift ./
COPY Sources Sources
COPY layouts layouts
RUN swift build -c release --static-swift-stdlib --product tessera \
 && cp "$(swift build -c release --show-bin-path)/tessera" /tessera

# Run: Debian 12 slim with only the shared libraries tessera links (libav*, opus, srtp2, OpenSSL, SQLite, curl).
FROM debian:bookworm-slim
COPY scripts/install-deps.sh /tmp/install-deps.sh
RUN bash /tmp/install-deps.sh --runtime && rm -rf /var/lib/apt/lists/* /tmp/install-deps.sh \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin tessera \
 && mkdir -p /data && chown tessera /data
COPY --from=build /tessera /usr/local/bin/tessera
COPY layouts /usr/local/share/tessera/layouts
ENV TESSERA_LAYOUTS=/usr/local/share/tessera/layouts
USER tessera
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080/tcp 50000/udp
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD ["tessera", "health", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["tessera", "serve", "--data-dir", "/data", "--http-host", "0.0.0.0", "--http-port", "8080", "--rtc-port", "50000"]

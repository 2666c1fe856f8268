# syntax=docker/dockerfile:1
# The WhatsApp servers, simulated (docs/upstream-protocol.md): for staging and load tests, never production.
# Build from the repository root:  docker build -f deploy/docker/simulator.Dockerfile -t multiconnect-simulator .
# Configuration comes only from environment variables; the CA key needs a writable path (CaKeyPath).

# The runtime image: Microsoft's chiseled ASP.NET Core runtime. Without access to that registry,
# deploy/docker/local-base.sh makes a stand-in from Debian packages: --build-arg RUNTIME_IMAGE=<its output>.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
# Where /app comes from: `build` compiles the source in the SDK image; `published` takes the folder
# deploy/docker/build-images.sh publishes on the host (framework-dependent, Release) into artifacts/publish/simulator/.
ARG APP_SOURCE=build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer: only what restore reads, so that a change of code does not download packages again.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Multiconnect.Contracts/Multiconnect.Contracts.csproj src/Multiconnect.Contracts/
COPY src/Multiconnect.Upstream/Multiconnect.Upstream.csproj src/Multiconnect.Upstream/
COPY src/Multiconnect.Simulator/Multiconnect.Simulator.csproj src/Multiconnect.Simulator/
COPY src/Multiconnect.Management/Multiconnect.Management.csproj src/Multiconnect.Management/
RUN dotnet restore src/Multiconnect.Simulator/Multiconnect.Simulator.csproj
COPY src/ src/
RUN dotnet publish src/Multiconnect.Simulator/Multiconnect.Simulator.csproj -c Release --no-restore -o /app
# Where the CA key lives (CaKeyPath): the runtime image has no shell to make it, so it is copied in, owned by `app`.
RUN mkdir -p /state/multiconnect-simulator

FROM scratch AS published
# The CA key's directory, as the build stage makes it.
WORKDIR /state/multiconnect-simulator
COPY artifacts/publish/simulator/ /app/

FROM ${APP_SOURCE} AS app

# Chiseled by default: no shell, no package manager. Either base runs this as the non-root user `app` (UID 1654).
FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=app /app ./
COPY --from=app --chown=1654:1654 /state/ /var/lib/
USER $APP_UID
# appsettings.json sets Urls to loopback for `dotnet run`; Urls from the environment overrides it.
ENV DOTNET_ENVIRONMENT=Production \
    ASPNETCORE_ENVIRONMENT=Production \
    Urls=http://+:8390 \
    Multiconnect__Simulator__CaKeyPath=/var/lib/multiconnect-simulator/ca-key.pem \
    Multiconnect__Management__Port=9393
# The upstream endpoint and admin API, management (/health/live, /health/ready, /metrics).
EXPOSE 8390 9393
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Multiconnect.Simulator.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/Multiconnect.Simulator.dll"]

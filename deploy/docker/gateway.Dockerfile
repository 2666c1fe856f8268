# syntax=docker/dockerfile:1
# The gateway: the HTTP API, an Orleans client of the CoreApps.
# Build from the repository root:  docker build -f deploy/docker/gateway.Dockerfile -t multiconnect-gateway .
# Configuration comes only from environment variables (README.md, docs/operations.md).

# The runtime image: Microsoft's chiseled ASP.NET Core runtime. Without access to that registry,
# deploy/docker/local-base.sh makes a stand-in from Debian packages: --build-arg RUNTIME_IMAGE=<its output>.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
# Where /app comes from: `build` compiles the source in the SDK image; `published` takes the folder
# deploy/docker/build-images.sh publishes on the host (framework-dependent, Release) into artifacts/publish/gateway/.
ARG APP_SOURCE=build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer: only what restore reads, so that a change of code does not download packages again.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Multiconnect.Contracts/Multiconnect.Contracts.csproj src/Multiconnect.Contracts/
COPY src/Multiconnect.Persistence/Multiconnect.Persistence.csproj src/Multiconnect.Persistence/
COPY src/Multiconnect.Gateway/Multiconnect.Gateway.csproj src/Multiconnect.Gateway/
COPY src/Multiconnect.Management/Multiconnect.Management.csproj src/Multiconnect.Management/
COPY src/Multiconnect.ClusterTls/Multiconnect.ClusterTls.csproj src/Multiconnect.ClusterTls/
RUN dotnet restore src/Multiconnect.Gateway/Multiconnect.Gateway.csproj
COPY src/ src/
RUN dotnet publish src/Multiconnect.Gateway/Multiconnect.Gateway.csproj -c Release --no-restore -o /app

FROM scratch AS published
COPY artifacts/publish/gateway/ /app/

FROM ${APP_SOURCE} AS app

# Chiseled by default: no shell, no package manager. Either base runs this as the non-root user `app` (UID 1654).
FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=app /app ./
USER $APP_UID
ENV DOTNET_ENVIRONMENT=Production \
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8380 \
    Multiconnect__Management__Port=9392
# The API, management (/health/live, /health/ready, /metrics).
EXPOSE 8380 9392
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Multiconnect.Gateway.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/Multiconnect.Gateway.dll"]

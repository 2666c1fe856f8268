# syntax=docker/dockerfile:1
# The CoreApp: an Orleans silo that hosts shards; `migrate` brings the schema up to date and exits.
# Build from the repository root:  docker build -f deploy/docker/coreapp.Dockerfile -t multiconnect-coreapp .
# Configuration comes only from environment variables (README.md, docs/operations.md).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer: only what restore reads, so that a change of code does not download packages again.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Multiconnect.Contracts/Multiconnect.Contracts.csproj src/Multiconnect.Contracts/
COPY src/Multiconnect.Persistence/Multiconnect.Persistence.csproj src/Multiconnect.Persistence/
COPY src/Multiconnect.Upstream/Multiconnect.Upstream.csproj src/Multiconnect.Upstream/
COPY src/Multiconnect.Grains/Multiconnect.Grains.csproj src/Multiconnect.Grains/
COPY src/Multiconnect.CoreApp/Multiconnect.CoreApp.csproj src/Multiconnect.CoreApp/
COPY src/Multiconnect.Management/Multiconnect.Management.csproj src/Multiconnect.Management/
COPY src/Multiconnect.ClusterTls/Multiconnect.ClusterTls.csproj src/Multiconnect.ClusterTls/
RUN dotnet restore src/Multiconnect.CoreApp/Multiconnect.CoreApp.csproj
COPY src/ src/
RUN dotnet publish src/Multiconnect.CoreApp/Multiconnect.CoreApp.csproj -c Release --no-restore -o /app

# Chiseled: no shell, no package manager, runs as the non-root user `app` (UID 1654).
# ASP.NET Core's runtime rather than the plain one: every process serves its management endpoints over HTTP.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENV DOTNET_ENVIRONMENT=Production \
    Multiconnect__CoreApp__SiloPort=11380 \
    Multiconnect__CoreApp__GatewayPort=30380 \
    Multiconnect__Management__Port=9391
# Silo-to-silo, Orleans clients (the gateways), management (/health/live, /health/ready, /metrics).
EXPOSE 11380 30380 9391
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Multiconnect.CoreApp.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/Multiconnect.CoreApp.dll"]

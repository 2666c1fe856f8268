# syntax=docker/dockerfile:1
# The gateway: the HTTP API, an Orleans client of the CoreApps.
# Build from the repository root:  docker build -f deploy/docker/gateway.Dockerfile -t multiconnect-gateway .
# Configuration comes only from environment variables (README.md, docs/operations.md).

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

# Chiseled: no shell, no package manager, runs as the non-root user `app` (UID 1654).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app ./
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

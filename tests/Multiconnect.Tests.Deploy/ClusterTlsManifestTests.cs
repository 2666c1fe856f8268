using System.Globalization;
using Multiconnect.Tests.Deploy.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Deploy;

/// <summary>
/// Production runs the Orleans connections over mutual TLS with the certificates of the Secret
/// multiconnect-cluster-tls (components/cluster-tls, in the shape cert-manager writes); staging keeps
/// them in plaintext. The processes, started as production starts them with such a Secret's files,
/// accept that configuration and form a cluster over TLS.
/// </summary>
public sealed class ClusterTlsManifestTests
{
    private const string Secret = "multiconnect-cluster-tls";
    private const string VolumeName = "cluster-tls";
    private const string Prefix = "Multiconnect__ClusterTls__";
    private const string CoreApp = "multiconnect-coreapp";
    private const string Gateway = "multiconnect-gateway";
    private const int ActiveStatus = 3;

    /// <summary>Mode 0440: the Secret's files are readable by the pod's group (its fsGroup), by no one else.</summary>
    private const int OwnerAndGroupRead = 0b100_100_000;

    private static readonly string[] SecretKeys = ["tls.crt", "tls.key", "ca.crt"];

    private static readonly Dictionary<string, string> FileOfSetting = new()
    {
        [Prefix + "CertificatePath"] = "tls.crt",
        [Prefix + "KeyPath"] = "tls.key",
        [Prefix + "CaPath"] = "ca.crt",
    };

    [Fact]
    public void Production_CoreApps_and_gateways_mount_the_cluster_TLS_Secret_read_only_and_point_the_settings_at_its_files()
    {
        var production = RenderedOverlay.Of(RenderedOverlay.Production);
        foreach (var workload in new[] { production.Workload(CoreApp), production.Workload(Gateway) })
        {
            var volume = workload.Pod.Volumes.Single(v => v.Secret?.SecretName == Secret);
            Assert.Equal(SecretKeys, volume.Secret.Items.Select(i => i.Key));
            Assert.Equal(SecretKeys, volume.Secret.Items.Select(i => i.Path));
            Assert.NotEqual(true, volume.Secret.Optional);
            Assert.Equal(OwnerAndGroupRead, volume.Secret.DefaultMode);
            Assert.Equal(workload.Pod.SecurityContext.RunAsGroup, workload.Pod.SecurityContext.FsGroup);

            var mount = workload.Container.VolumeMounts.Single(m => m.Name == volume.Name);
            Assert.True(mount.ReadOnlyProperty, $"{workload.Name} mounts the Secret writable");
            var env = workload.Container.Env.ToDictionary(e => e.Name, e => e.Value);
            Assert.Equal("true", env[Prefix + "Enabled"]);
            foreach (var (setting, file) in FileOfSetting)
            {
                Assert.Equal($"{mount.MountPath}/{file}", env[setting]);
            }
        }

        // The migration Job only talks to PostgreSQL.
        Assert.DoesNotContain(production.Workload("multiconnect-migrate").Container.Env, e => e.Name.StartsWith(Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Staging_keeps_the_Orleans_connections_in_plaintext_and_needs_no_TLS_Secret()
    {
        foreach (var workload in RenderedOverlay.Of(RenderedOverlay.Staging).Workloads)
        {
            Assert.DoesNotContain(workload.Container.Env, e => e.Name.StartsWith(Prefix, StringComparison.Ordinal));
            Assert.DoesNotContain(workload.Pod.Volumes ?? [], v => v.Secret?.SecretName == Secret);
        }
    }

    [Fact]
    public void The_TLS_settings_production_gives_are_options_the_CoreApp_and_the_gateway_read()
    {
        var production = RenderedOverlay.Of(RenderedOverlay.Production);
        foreach (var workload in new[] { production.Workload(CoreApp), production.Workload(Gateway) })
        {
            var configuration = ProgramConfiguration.Of(Workload.ProgramOf(workload.Container));
            foreach (var variable in workload.Container.Env.Where(e => e.Name.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                Assert.Null(configuration.VariableProblem(variable.Name, variable.Value));
            }
        }
    }

    [Fact]
    public void Operations_doc_says_how_to_create_the_TLS_Secret_with_each_of_its_keys()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));
        Assert.Contains($"`{Secret}`", doc, StringComparison.Ordinal);
        Assert.All(SecretKeys, key => Assert.Contains($"`{key}`", doc, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_CoreApp_and_a_gateway_started_as_production_starts_them_with_the_Secrets_files_form_a_cluster_over_TLS()
    {
        var production = RenderedOverlay.Of(RenderedOverlay.Production);
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var volumes = Directory.CreateTempSubdirectory("mc-deploy-tls-").FullName;
        var pods = new PodOnThisMachine(production, new Dictionary<(string, string), string>
        {
            [OperatorObjects.PostgresConnectionString] = connectionString,
            [OperatorObjects.AdminPassword] = LocalCluster.AdminPassword,
        }, volumes, new Dictionary<(string, string), string>
        {
            // Nothing listens there: this test is about the Orleans connections, not the upstream.
            [OperatorObjects.UpstreamUrl] = "http://127.0.0.1:9",
        });
        var started = new List<NodeProcess>();
        try
        {
            // The Secret, as cert-manager would fill it, projected into each pod's volume.
            var issued = ClusterTlsFiles.ReadOrCreate(Path.Combine(volumes, "issued"));
            var secret = new Dictionary<string, string> { ["tls.crt"] = issued.CertificatePath, ["tls.key"] = issued.KeyPath, ["ca.crt"] = issued.CaPath };
            foreach (var workload in new[] { production.Workload(CoreApp), production.Workload(Gateway) })
            {
                var directory = pods.VolumeDirectory(workload, VolumeName);
                foreach (var item in workload.Pod.Volumes.Single(v => v.Name == VolumeName).Secret.Items)
                {
                    File.Copy(secret[item.Key], Path.Combine(directory, item.Path));
                }
            }

            var migrate = Start(production.Workload("multiconnect-migrate"), "multiconnect-migrate-tls", pods, []);
            started.Add(migrate);
            Assert.True(await migrate.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, $"migrate failed:\n{migrate.Output}");

            // Production's ports are the staging test's too: moved to free ones, so that both can run at once.
            var coreApp = Start(production.Workload(CoreApp), "multiconnect-coreapp-0", pods, new()
            {
                ["Multiconnect__CoreApp__SiloPort"] = Port(),
                ["Multiconnect__CoreApp__GatewayPort"] = Port(),
                [ManagementContract.PortVariable] = Port(),
            });
            started.Add(coreApp);
            var apiPort = Port();
            var gatewayProcess = Start(production.Workload(Gateway), "multiconnect-gateway-7d4b9c6f8-t1s2x", pods, new()
            {
                ["ASPNETCORE_HTTP_PORTS"] = apiPort,
                [ManagementContract.PortVariable] = Port(),
            });
            started.Add(gatewayProcess);

            await using var database = NpgsqlDataSource.Create(connectionString);
            await Eventually.True(
                async () => coreApp.HasExited ? throw new InvalidOperationException($"the CoreApp exited:\n{coreApp.Output}") : await IsActiveAsync(database, "multiconnect-coreapp-0"),
                "the CoreApp to be an active silo", TimeSpan.FromSeconds(90));

            // The gateway reaches the cluster only through the CoreApp's TLS client port.
            var gateway = new GatewayNode(gatewayProcess, new Uri($"http://127.0.0.1:{apiPort}"));
            await gateway.WaitUntilReadyAsync();
            Assert.Equal(1, await gateway.GetShardCountAsync(await gateway.LoginAsync()));
            foreach (var process in new[] { coreApp, gatewayProcess })
            {
                await Eventually.True(() => Task.FromResult(process.Output.Contains("Orleans connections use mutual TLS", StringComparison.Ordinal)), $"{process.Name} to log that it uses mutual TLS");
            }
        }
        finally
        {
            foreach (var process in started)
            {
                await process.DisposeAsync();
            }

            Directory.Delete(volumes, recursive: true);
        }
    }

    private static NodeProcess Start(Workload workload, string podName, PodOnThisMachine pods, Dictionary<string, string> moved)
    {
        var environment = pods.Environment(workload, podName);
        foreach (var (key, value) in moved)
        {
            environment[key] = value;
        }

        return NodeProcess.Start(podName, Workload.ProgramOf(workload.Container), environment, [.. workload.Container.Args ?? []]);
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);

    private static async Task<bool> IsActiveAsync(NpgsqlDataSource database, string siloName)
    {
        await using var command = database.CreateCommand($"SELECT count(*) FROM OrleansMembershipTable WHERE SiloName = $1 AND Status = {ActiveStatus}");
        command.Parameters.Add(new NpgsqlParameter { Value = siloName });
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}

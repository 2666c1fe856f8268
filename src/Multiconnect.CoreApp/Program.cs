using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multiconnect.CoreApp;
using Multiconnect.Management;
using Multiconnect.Persistence;

if (args is [HealthCheckCommand.Name])
{
    return await HealthCheckCommand.RunAsync(Console.Error);
}

// Settings files sit beside the program, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMulticonnectCoreApp();

if (args is ["migrate"])
{
    // `Multiconnect.CoreApp migrate`: bring the schema up to date, then exit.
    using var host = builder.Build();
    var migrator = host.Services.GetService<SchemaMigrator>()
        ?? throw new InvalidOperationException($"migrate needs {PostgresOptions.Section}:ConnectionString.");
    await migrator.MigrateAsync(CancellationToken.None);
    return 0;
}

await builder.Build().RunAsync();
return 0;

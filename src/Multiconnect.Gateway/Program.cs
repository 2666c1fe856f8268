using Multiconnect.Gateway;
using Multiconnect.Management;

if (args is [HealthCheckCommand.Name])
{
    return await HealthCheckCommand.RunAsync(Console.Error);
}

// Settings files sit beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMulticonnectGateway();

var app = builder.Build();
app.UseMulticonnectGateway();
await app.RunAsync();
return 0;

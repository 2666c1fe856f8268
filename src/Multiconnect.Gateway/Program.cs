using Multiconnect.Gateway;

// Settings files sit beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMulticonnectGateway();

var app = builder.Build();
app.UseMulticonnectGateway();
app.Run();

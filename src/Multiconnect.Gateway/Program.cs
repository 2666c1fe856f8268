using Multiconnect.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddMulticonnectGateway();

var app = builder.Build();
app.UseMulticonnectGateway();
app.Run();

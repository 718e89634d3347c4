using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddChurnActors(args);

var app = builder.Build();
await app.PrepareStorageAsync();

app.MapHealthApi();
app.MapIngestApi();
app.MapUsersApi();

await app.RunAsync();

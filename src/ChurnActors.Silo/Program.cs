using ChurnActors.Silo.Hosting;

var app = ChurnActorsApp.Build(args);
await app.PrepareStorageAsync();
await app.RunAsync();

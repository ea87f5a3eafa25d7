using Coordinator.Api;
using Coordinator.Dashboard;
using Coordinator.Hosting;
using Coordinator.Hosting.Observability;
using Coordinator.Silo;

var builder = WebApplication.CreateBuilder(args);
if (!builder.TryAddCoordinatorSilo(Console.Error))
{
    return 2;
}

var app = builder.Build();
app.MapCoordinatorHealth();
app.MapCoordinatorApi();
app.MapCoordinatorDashboard();
app.MapCoordinatorObservability();
await app.RunAsync();
return 0;

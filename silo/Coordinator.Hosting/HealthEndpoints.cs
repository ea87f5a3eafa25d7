using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Coordinator.Hosting;

/// <summary>The health endpoints every silo's web host serves (the silo host and the embedded silo alike).</summary>
public static class HealthEndpoints
{
    public static WebApplication MapCoordinatorHealth(this WebApplication app)
    {
        // Live: the process answers. Ready: joined the cluster and storage answers.
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(CoordinatorHostBuilderExtensions.ReadinessTag),
        });
        return app;
    }
}

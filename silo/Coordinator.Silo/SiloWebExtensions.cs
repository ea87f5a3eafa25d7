using System.Net;
using Coordinator.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Coordinator.Silo;

internal static class SiloWebExtensions
{
    /// <summary>Configures the silo and its HTTP port; on bad settings writes every failure and returns false.</summary>
    public static bool TryAddCoordinatorSilo(this WebApplicationBuilder builder, TextWriter errors)
    {
        try
        {
            var options = builder.AddCoordinatorSilo();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.AdvertisedIPAddress), options.HttpPort));
            return true;
        }
        catch (OptionsValidationException ex)
        {
            errors.WriteLine("coordinator silo: invalid configuration");
            foreach (var failure in ex.Failures)
            {
                errors.WriteLine($"  {failure}");
            }

            return false;
        }
    }

    public static void MapCoordinatorHealth(this WebApplication app)
    {
        // Live: the process answers. Ready: joined the cluster and storage answers.
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(CoordinatorHostBuilderExtensions.ReadinessTag),
        });
    }
}

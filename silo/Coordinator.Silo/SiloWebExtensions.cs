using System.Net;
using Coordinator.Api;
using Coordinator.Hosting;
using Coordinator.Hosting.Observability;
using Microsoft.Extensions.Options;

namespace Coordinator.Silo;

internal static class SiloWebExtensions
{
    /// <summary>Configures the silo, its HTTP port, the HTTP API, metrics and the Orleans Dashboard; on bad settings writes every failure (silo and API) and returns false.</summary>
    public static bool TryAddCoordinatorSilo(this WebApplicationBuilder builder, TextWriter errors)
    {
        var failures = new List<string>();
        try
        {
            var options = builder.AddCoordinatorSilo();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.AdvertisedIPAddress), options.HttpPort));
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }

        try
        {
            builder.Services.AddCoordinatorApi(builder.Configuration);
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }

        try
        {
            builder.AddCoordinatorObservability();
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }

        if (failures.Count == 0)
        {
            return true;
        }

        errors.WriteLine("coordinator silo: invalid configuration");
        foreach (var failure in failures)
        {
            errors.WriteLine($"  {failure}");
        }

        return false;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coordinator.Hosting;

public static class CoordinatorHostBuilderExtensions
{
    public const string ReadinessTag = "ready";

    /// <summary>
    /// Reads and validates the "Coordinator" section, then configures the silo and its readiness
    /// check. Settings are validated here, before Orleans is configured from them, so every bad
    /// key is reported at once instead of surfacing as a provider error later.
    /// </summary>
    /// <exception cref="OptionsValidationException">One or more settings are invalid.</exception>
    public static CoordinatorSiloOptions AddCoordinatorSilo(this IHostApplicationBuilder builder)
    {
        var options = CoordinatorSiloOptionsReader.Read(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(options));
        builder.UseOrleans(silo => silo.AddCoordinatorSilo(options));
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [ReadinessTag]);
        return options;
    }
}

using Coordinator.Api.Auth;
using Coordinator.Api.Endpoints;
using Coordinator.Api.Problems;
using Coordinator.Operations.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Coordinator.Api;

/// <summary>Adds the HTTP API to a silo's web host: <see cref="AddCoordinatorApi"/> on the builder, <see cref="MapCoordinatorApi"/> on the app.</summary>
public static partial class CoordinatorApiExtensions
{
    public const string Prefix = "/api/v1";

    /// <summary>The request-timeout policy of long-polls: the longest wait on top of the usual timeout.</summary>
    public const string LongPollPolicy = "long-poll";

    /// <summary>Says on every response that the API runs without authentication.</summary>
    public const string OpenHeader = "Coordinator-Authentication";

    /// <summary>Reads and validates "Coordinator:Api" (every failure at once) and registers authentication, roles and OpenAPI.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid.</exception>
    public static ApiOptions AddCoordinatorApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ApiOptionsReader.Read(configuration);
        services.AddSingleton(options);
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.ReadPolicy, p => p.RequireRole(ApiRoles.All))
            .AddPolicy(ApiRoles.Writer, p => p.RequireRole(ApiRoles.Writer))
            .AddPolicy(ApiRoles.Operator, p => p.RequireRole(ApiRoles.Operator))
            .AddPolicy(ApiRoles.Approver, p => p.RequireRole(ApiRoles.Approver));
        services.AddSingleton<StreamLimiter>();
        services.AddSingleton<Views.ActiveArmViews>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = TimeoutPolicy(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
            o.AddPolicy(LongPollPolicy, TimeoutPolicy(TimeSpan.FromSeconds(options.RequestTimeoutSeconds + options.MaxWaitSeconds)));
        });
        services.AddOpenApi("v1", OpenApiDocumentSetup.Configure);

        // The document describes bodies as the API writes them: snake_case keys and enum values.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = ApiJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        });
        return options;
    }

    /// <summary>Maps /api/v1, /openapi/v1.json and the reference page /api/reference; with authentication off, says so at start-up and on every response.</summary>
    public static WebApplication MapCoordinatorApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<ApiOptions>();
        if (options.IsOpen)
        {
            // Once listening, so the message names where: an operator can curl it right away.
            app.Lifetime.ApplicationStarted.Register(() => LogOpen(app.Logger, string.Join(", ", app.Urls.Select(u => u.TrimEnd('/') + Prefix))));
            app.Use((context, next) =>
            {
                context.Response.Headers[OpenHeader] = "none: every caller acts as 'anonymous' with every role";
                return next(context);
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestTimeouts();
        app.MapOpenApi("/openapi/{documentName}.json");

        // The interactive reference over the same document; its assets ship in the package (no CDN).
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Coordinator HTTP API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        // Every endpoint can answer these; each adds its own (404, 409, 412, 423, ...).
        var api = app.MapGroup(Prefix).AddEndpointFilter<ApiErrorFilter>().WithTags("coordinator")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        ServiceEndpoints.Map(api);
        RegionEndpoints.Map(api);
        EventEndpoints.Map(api);
        SchemaEndpoints.Map(api);
        LeaseEndpoints.Map(api);
        ConsumerEndpoints.Map(api);
        CampaignEndpoints.Map(api);
        WebhookEndpoints.Map(api);
        EvidenceEndpoints.Map(api);

        // Anything else under the prefix is a problem document too, not an empty 404.
        app.MapFallback(Prefix + "/{**path}", () => ApiProblems.Result(ApiProblems.Create(
            StatusCodes.Status404NotFound, OperationErrorCodes.NotFound, "Not found", "no such endpoint; see /openapi/v1.json", [])));
        return app;
    }

    private static RequestTimeoutPolicy TimeoutPolicy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => ApiProblems.Write(context, ApiProblems.Create(
            StatusCodes.Status504GatewayTimeout, "RequestTimeout", "Request timed out",
            $"no answer within {timeout.TotalSeconds:0} s; the outcome is unknown: re-read, then retry with the same idempotency key", [])),
    };

    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning,
        Message = "HTTP API at {Addresses} runs WITHOUT authentication: every caller acts as 'anonymous' with every role")]
    private static partial void LogOpen(ILogger logger, string addresses);
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Arms.Http;

/// <summary>What the endpoints of one arm server share.</summary>
internal sealed class ArmHostState(RagArm arm, bool healthy)
{
    private volatile bool _healthy = healthy;

    public RagArm Arm { get; } = arm;

    public ArmRequestCounter Counter { get; } = new();

    public bool Healthy
    {
        get => _healthy;
        set => _healthy = value;
    }
}

/// <summary>The arm's HTTP surface: <c>POST /ask</c>, <c>GET /healthz</c>, the <c>x-arm-name</c> header and the request counter.</summary>
internal static class ArmEndpoints
{
    public const string AskPath = "/ask";
    public const string HealthPath = "/healthz";
    public const string ArmHeader = "x-arm-name";

    public static void Map(WebApplication app, ArmHostState state)
    {
        var name = state.Arm.Options.Name;
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            var epoch = context.Request.Headers[ArmRequestCounter.EpochHeader].FirstOrDefault();
            var arrived = TimeProvider.System.GetUtcNow();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[ArmHeader] = name;
                state.Counter.Record(path, context.Response.StatusCode, epoch, arrived);
                return Task.CompletedTask;
            });
            await next(context);
        });
        app.MapPost(AskPath, (RequestDelegate)(context => AskAsync(context, state.Arm)));
        app.MapMethods(HealthPath, ["GET", "HEAD"], (RequestDelegate)(context => HealthAsync(context, state)));
    }

    private static async Task AskAsync(HttpContext context, RagArm arm)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            await Invalid(new() { ["body"] = [$"is not valid JSON ({e.Message})"] }).ExecuteAsync(context);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await Results.Problem(statusCode: e.StatusCode, title: "The request body could not be read.", detail: $"body: {e.Message}").ExecuteAsync(context);
            return;
        }

        var (request, errors) = AskRequestReader.Read(body, arm.Options);
        if (request is null)
        {
            await Invalid(errors).ExecuteAsync(context);
            return;
        }

        if (arm.NextAskFails())
        {
            await Results.Problem(
                statusCode: arm.Options.FaultStatus,
                title: "Injected fault.",
                detail: $"The arm '{arm.Options.Name}' is configured to fail a share of {arm.Options.FaultFraction} of its answers (fault seed {arm.Options.FaultSeed}).")
                .ExecuteAsync(context);
            return;
        }

        var answer = await arm.AskAsync(request.Question, request.Seed, request.TopK, context.RequestAborted);
        await Results.Json(answer).ExecuteAsync(context);
    }

    private static Task HealthAsync(HttpContext context, ArmHostState state)
    {
        var healthy = state.Healthy;
        var body = new Dictionary<string, string>
        {
            ["status"] = healthy ? "healthy" : "unhealthy",
            ["arm"] = state.Arm.Info.Name,
            ["index_hash"] = state.Arm.Info.IndexHash,
            ["prompt_ver"] = state.Arm.Info.PromptVer,
        };
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(
            errors,
            detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
            title: "The request is not valid.");
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Coordinator.Api.Auth;
using Coordinator.Api.Bodies;
using Coordinator.Api.Problems;
using Coordinator.Api.Views;
using Coordinator.Domain;
using Coordinator.Operations.Audit;
using Coordinator.Operations.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Coordinator.Api.Endpoints;

/// <summary>Regions of a service: the active arm (with ETag and long-poll), status, arms, flips and the pointer's audit chain.</summary>
public static class RegionEndpoints
{
    private static readonly FlipFieldNames FlipNames = new("$.to", "$.reason", "principal", HeaderNames.IfMatch, ApiHeaders.IdempotencyKey);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/services/{service}/regions/{region}/active", GetActiveAsync)
            .WithName("GetActiveArm").RequireRoles(ApiRoles.ReadPolicy)
            .Answers<ActiveArmResponse>().Produces(StatusCodes.Status304NotModified).Problems(StatusCodes.Status404NotFound)
            .WithRequestTimeout(CoordinatorApiExtensions.LongPollPolicy)
            .WithSummary("The active arm, epoch, manifest and cache key; ETag = epoch, If-None-Match → 304, ?wait=SECONDS&after=EPOCH long-polls.");
        api.MapGet("/services/{service}/regions", StatusAsync)
            .WithName("GetRegions").RequireRoles(ApiRoles.ReadPolicy).Answers<List<RegionResponse>>()
            .WithSummary("Every region of the service (or ?regions=a,b) with both manifests.");
        api.MapPut("/services/{service}/regions/{region}/arms/{arm}", RegisterArmAsync)
            .WithName("RegisterArm").RequireRoles(ApiRoles.Operator)
            .Takes<ArmManifest>().Answers<RegisterResponse>().Problems(StatusCodes.Status409Conflict, StatusCodes.Status423Locked)
            .WithSummary("Registers or replaces an arm's manifest (snake_case JSON); the active arm's manifest is locked.");
        api.MapPost("/services/{service}/regions/{region}/flip", FlipAsync)
            .WithName("Flip").RequireRoles(ApiRoles.Operator)
            .Takes<FlipBody>().Answers<FlipResponse>()
            .Problems(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status423Locked)
            .WithSummary("Compare-and-set flip: If-Match \"<epoch>\" (412 when stale), Idempotency-Key replays the first result.");
        api.MapGet("/services/{service}/regions/{region}/audit", RegionAuditAsync)
            .WithName("GetRegionAudit").RequireRoles(ApiRoles.ReadPolicy).Answers<AuditResponse>()
            .WithSummary("The pointer's audit chain (or ?writer=W a lease's, ?consumer_group=G a consumer pointer's); ?verify=true checks it on the grain and here.");
    }

    private static async Task<IResult> GetActiveAsync(
        HttpContext context, string service, string region, ActiveArmViews views, ApiOptions options)
    {
        long? wait = null, after = null;
        if (context.Request.QueryString.HasValue)
        {
            var errors = new List<FieldError>();
            wait = QueryValues.Long(context.Request, "wait", 0, options.MaxWaitSeconds, errors);
            after = QueryValues.Long(context.Request, "after", 0, long.MaxValue, errors);
            if (wait is not null && after is null && Preconditions.NoneMatchEpoch(context.Request) is null && errors.Count == 0)
            {
                errors.Add(new FieldError("after", "is required with wait (or send If-None-Match with the epoch you have)"));
            }

            NameRules.ThrowIfAny(errors);
        }

        after ??= Preconditions.NoneMatchEpoch(context.Request);

        // From this silo's view (fed by flip notices); an epoch the caller has seen beyond it is read from storage.
        var view = wait is { } seconds && after is { } seen
            ? await views.WaitForEpochAsync(service, region, seen, TimeSpan.FromSeconds(seconds), context.RequestAborted)
            : await views.GetAsync(service, region, after);

        var reply = ActiveArmReplies.Of(view);
        context.Response.Headers.ETag = reply.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        return Preconditions.NoneMatchHits(context.Request, view.Epoch)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(reply.Body, ActiveArmReplies.ContentType);
    }

    private static async Task<IResult> StatusAsync(HttpContext context, string service, IGrainFactory grains)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        var regions = QueryValues.Text(context.Request, "regions")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in regions ?? [])
        {
            NameRules.Check("regions", name, errors);
        }

        NameRules.ThrowIfAny(errors);
        var views = await RegionOperations.StatusAsync(grains, service, regions?.Distinct(StringComparer.Ordinal).ToList());
        return TypedResults.Json(views.Select(RegionResponse.Of).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> RegisterArmAsync(
        HttpContext context, string service, string region, string arm, IGrainFactory grains, ActiveArmViews views, ApiOptions options, ClaimsPrincipal user)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        if (!ArmExtensions.TryParse(arm, out var parsedArm) || arm != parsedArm.ToWire())
        {
            errors.Add(new FieldError("arm", $"'{arm}' is not an arm; use blue or green"));
        }

        var (text, problem) = await RequestBody.ReadTextAsync(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var manifestErrors = new List<FieldError>();
        var manifest = ManifestJson.Parse(text!, manifestErrors);
        errors.AddRange(manifestErrors.Select(e => new FieldError(e.Field == "manifest" ? "$" : "$." + e.Field, e.Reason)));
        NameRules.ThrowIfAny(errors);

        var result = await RegionOperations.RegisterArmAsync(grains, service, region, parsedArm, manifest!, Principal(user));
        await views.LearnAsync(service, region);
        context.Response.Headers.ETag = Preconditions.ETag(result.View.Epoch);
        return TypedResults.Json(new RegisterResponse(result.Arm.ToWire(), result.Changed, RegionResponse.Of(result.View)), ApiJson.Options);
    }

    private static async Task<IResult> FlipAsync(
        HttpContext context, string service, string region, IGrainFactory grains, ActiveArmViews views, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<FlipBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        var expected = Preconditions.ParseEpoch(context.Request.Headers.IfMatch, HeaderNames.IfMatch, errors);
        var key = context.Request.Headers.TryGetValue(ApiHeaders.IdempotencyKey, out var keys) ? keys.ToString() : null;
        errors.AddRange(FlipInput.Check(FlipNames, body!.To, body.Reason, operatorName: null, expected, key));
        NameRules.ThrowIfAny(errors);

        var principal = Principal(user);
        ArmExtensions.TryParse(body.To, out var target);
        var result = await RegionOperations.FlipAsync(grains, service, region, new FlipInput
        {
            Target = target,
            Reason = body.Reason!,
            Operator = principal,
            ExpectedEpoch = expected,
            IdempotencyKey = key,

            // The whole request as sent: the same key with another body, precondition or principal is a conflict.
            RequestHash = key is null ? null : Hash($"{principal}\n{target.ToWire()}\n{body.Reason}\n{expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"),
        });
        await views.LearnAsync(service, region);
        context.Response.Headers.ETag = Preconditions.ETag(result.Epoch);
        return TypedResults.Json(FlipResponse.Of(result), ApiJson.Options);
    }

    private static async Task<IResult> RegionAuditAsync(HttpContext context, string service, string region, IGrainFactory grains)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        var verify = QueryValues.Flag(context.Request, "verify", errors);
        var writer = QueryValues.Text(context.Request, "writer");
        if (writer is not null)
        {
            NameRules.Check("writer", writer, errors);
        }

        var group = QueryValues.Text(context.Request, "consumer_group");
        if (group is not null)
        {
            NameRules.Check("consumer_group", group, errors);
        }

        if (writer is not null && group is not null)
        {
            errors.Add(new FieldError("consumer_group", "name either a writer or a consumer group, not both"));
        }

        NameRules.ThrowIfAny(errors);
        var subject = writer is not null ? AuditSubject.Lease(grains, service, region, writer)
            : group is not null ? AuditSubject.ConsumerPointer(grains, service, region, group)
            : AuditSubject.Pointer(grains, service, region);
        return Audit(await AuditOperations.ReadAsync(subject, verify));
    }

    internal static IResult Audit(AuditReading reading) =>
        TypedResults.Json(new AuditResponse(reading.Subject.Chain, reading.Subject.Label, reading.Entries, reading.Verification), ApiJson.Options);

    /// <summary>The authenticated principal's name: what the audit chains record.</summary>
    internal static string Principal(ClaimsPrincipal user) => user.Identity?.Name ?? BearerTokenHandler.OpenPrincipal;

    internal static TimeProvider TimeOf(HttpContext context) => context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

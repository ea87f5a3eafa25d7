using Coordinator.Api.Auth;
using Coordinator.Api.Bodies;
using Coordinator.Api.Problems;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;
using Coordinator.Operations.Fences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>Writer leases of a region, for workers and write sinks in any language.</summary>
public static class LeaseEndpoints
{
    private const string Leases = "/services/{service}/regions/{region}/leases";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(Leases, ListLeasesAsync).WithName("ListLeases").RequireRoles(ApiRoles.ReadPolicy).Answers<List<LeaseStatus>>()
            .WithSummary("Every writer lease of the region: holder, fencing token, epoch, INDEX_HASH, expiry, freeze.");
        api.MapPost(Leases + "/{writer}/acquire", AcquireAsync).WithName("AcquireLease").RequireRoles(ApiRoles.Writer).Takes<LeaseAcquireBody>().Answers<LeaseGrant>()
            .WithSummary("Acquires (or, for the same holder, re-answers) the writer's lease; status says granted, held, frozen.");
        api.MapPost(Leases + "/{writer}/renew", RenewAsync).WithName("RenewLease").RequireRoles(ApiRoles.Writer).Takes<LeaseTokenBody>().Answers<LeaseGrant>()
            .WithSummary("Renews the lease held under fencing_token; status stale, expired or frozen when it no longer holds.");
        api.MapPost(Leases + "/{writer}/release", ReleaseAsync).WithName("ReleaseLease").RequireRoles(ApiRoles.Writer).Takes<LeaseReleaseBody>().Answers<ReleaseResponse>()
            .WithSummary("Releases the lease held under fencing_token; released=false when that token no longer held it.");
        api.MapGet(Leases + "/{writer}/validate", ValidateAsync).WithName("ValidateLease").RequireRoles(ApiRoles.ReadPolicy).Answers<LeaseValidation>()
            .WithSummary("For write sinks: is ?fencing_token=N still valid (not stale, expired or frozen)?");
    }

    private static async Task<IResult> ListLeasesAsync(string service, string region, IGrainFactory grains)
    {
        FenceNames.Check(service, region);
        return Json(await LeaseOperations.ListAsync(grains, service, region));
    }

    private static async Task<IResult> AcquireAsync(HttpContext context, string service, string region, string writer, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<LeaseAcquireBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("writer", writer), throwIfAny: false);
        NameRules.CheckText("$.holder_id", body!.HolderId, LeaseRules.MaxHolderIdLength, errors);
        Ttl(errors, body.TtlSeconds);
        NameRules.ThrowIfAny(errors);
        return Json(await LeaseOperations.AcquireAsync(grains, service, region, writer, body.HolderId!, TimeSpan.FromSeconds(body.TtlSeconds!.Value)));
    }

    private static async Task<IResult> RenewAsync(HttpContext context, string service, string region, string writer, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<LeaseTokenBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("writer", writer), throwIfAny: false);
        if (body!.HolderId is not null)
        {
            errors.Add(new FieldError("$.holder_id", "is not used by renew: the fencing token names the holder"));
        }

        BodyRules.Range(errors, "$.fencing_token", body.FencingToken, 1, long.MaxValue);
        Ttl(errors, body.TtlSeconds);
        NameRules.ThrowIfAny(errors);
        return Json(await LeaseOperations.RenewByTokenAsync(grains, service, region, writer, body.FencingToken!.Value, TimeSpan.FromSeconds(body.TtlSeconds!.Value)));
    }

    private static async Task<IResult> ReleaseAsync(HttpContext context, string service, string region, string writer, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<LeaseReleaseBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = FenceNames.Check(service, region, ("writer", writer), throwIfAny: false);
        BodyRules.Range(errors, "$.fencing_token", body!.FencingToken, 1, long.MaxValue);
        NameRules.ThrowIfAny(errors);
        return Json(new ReleaseResponse(await LeaseOperations.ReleaseByTokenAsync(grains, service, region, writer, body.FencingToken!.Value)));
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, string service, string region, string writer, IGrainFactory grains)
    {
        var errors = FenceNames.Check(service, region, ("writer", writer), throwIfAny: false);
        var token = QueryValues.Long(context.Request, "fencing_token", 0, long.MaxValue, errors);
        if (token is null && !context.Request.Query.ContainsKey("fencing_token"))
        {
            errors.Add(new FieldError("fencing_token", "is required"));
        }

        NameRules.ThrowIfAny(errors);
        return Json(await LeaseOperations.ValidateAsync(grains, service, region, writer, token!.Value));
    }

    private static void Ttl(List<FieldError> errors, long? seconds) =>
        BodyRules.Range(errors, "$.ttl_seconds", seconds, (long)LeaseRules.MinTtl.TotalSeconds, (long)LeaseRules.MaxTtl.TotalSeconds);

    private static IResult Json<T>(T value) => TypedResults.Json(value, ApiJson.Options);
}

/// <summary>Whether the token still held the lease it released.</summary>
public sealed record ReleaseResponse(bool Released);

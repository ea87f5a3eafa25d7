using System.Security.Claims;
using Coordinator.Api.Auth;
using Coordinator.Api.Bodies;
using Coordinator.Api.Problems;
using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;
using Coordinator.Operations.Fences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>Writer leases and consumer pointers of a region, for workers and sinks in any language.</summary>
public static class FenceEndpoints
{
    private const string Leases = "/services/{service}/regions/{region}/leases";
    private const string Consumers = "/services/{service}/regions/{region}/consumers";

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

        api.MapGet(Consumers, ListConsumersAsync).WithName("ListConsumers").RequireRoles(ApiRoles.ReadPolicy).Answers<List<ConsumerPointerStatus>>()
            .WithSummary("Every consumer pointer of the region: version, mode, token, offsets, instances, counters, move.");
        api.MapPut(Consumers + "/{group}", ConfigureAsync).WithName("ConfigureConsumers").RequireRoles(ApiRoles.Operator).Takes<ConsumerConfigureBody>().Answers<ConsumerPointerStatus>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Creates a consumer group's pointer or grows its partitions.");
        api.MapPost(Consumers + "/{group}/heartbeat", HeartbeatAsync).WithName("ConsumerHeartbeat").RequireRoles(ApiRoles.Writer).Takes<HeartbeatBody>().Answers<ConsumerDirective>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("An instance's heartbeat; answers the directive (consume with token and offsets, pause, stop).");
        api.MapPost(Consumers + "/{group}/commit", CommitAsync).WithName("ConsumerCommit").RequireRoles(ApiRoles.Writer).Takes<CommitBody>().Answers<CommitResult>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Commits an offset under an Idempotency-Key: accepted or duplicate (200), fenced or key reused (409), ledger full (503).");
        api.MapPost(Consumers + "/{group}/move", MoveAsync).WithName("MoveConsumers").RequireRoles(ApiRoles.Operator).Takes<MoveBody>().Answers<MoveStatus>(StatusCodes.Status202Accepted).Answers<MoveStatus>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Starts moving the group to another CONSUMER_VER (202); follow it at .../moves/{key}.");
        api.MapGet(Consumers + "/{group}/moves/{key}", GetMoveAsync).WithName("GetConsumerMove").RequireRoles(ApiRoles.ReadPolicy).Answers<MoveStatus>().Problems(StatusCodes.Status404NotFound)
            .WithSummary("A move by its idempotency key: draining, completed or failed.");
        api.MapPost(Consumers + "/{group}/reset", ResetAsync).WithName("ResetConsumerOffset").RequireRoles(ApiRoles.Operator).Takes<ResetBody>().Answers<ConsumerPointerStatus>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Sets one partition's offset (audited); the only way an offset goes backwards.");
    }

    private static async Task<IResult> ListLeasesAsync(string service, string region, IGrainFactory grains)
    {
        Names(service, region);
        return Json(await LeaseOperations.ListAsync(grains, service, region));
    }

    private static async Task<IResult> AcquireAsync(HttpContext context, string service, string region, string writer, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<LeaseAcquireBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = Names(service, region, ("writer", writer), throwIfAny: false);
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

        var errors = Names(service, region, ("writer", writer), throwIfAny: false);
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

        var errors = Names(service, region, ("writer", writer), throwIfAny: false);
        BodyRules.Range(errors, "$.fencing_token", body!.FencingToken, 1, long.MaxValue);
        NameRules.ThrowIfAny(errors);
        return Json(new ReleaseResponse(await LeaseOperations.ReleaseByTokenAsync(grains, service, region, writer, body.FencingToken!.Value)));
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, string service, string region, string writer, IGrainFactory grains)
    {
        var errors = Names(service, region, ("writer", writer), throwIfAny: false);
        var token = QueryValues.Long(context.Request, "fencing_token", 0, long.MaxValue, errors);
        if (token is null && !context.Request.Query.ContainsKey("fencing_token"))
        {
            errors.Add(new FieldError("fencing_token", "is required"));
        }

        NameRules.ThrowIfAny(errors);
        return Json(await LeaseOperations.ValidateAsync(grains, service, region, writer, token!.Value));
    }

    private static async Task<IResult> ListConsumersAsync(string service, string region, IGrainFactory grains)
    {
        Names(service, region);
        return Json(await ConsumerOperations.ListAsync(grains, service, region));
    }

    private static async Task<IResult> ConfigureAsync(
        HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<ConsumerConfigureBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = Names(service, region, ("group", group), throwIfAny: false);
        ManifestValidator.CheckVersion("$.consumer_ver", body!.ConsumerVer, errors);
        BodyRules.Range(errors, "$.partitions", body.Partitions, 1, ConsumerLimits.MaxPartitions);
        LedgerPolicies.Check("$.ledger_policy", body.LedgerPolicy, errors);
        NameRules.ThrowIfAny(errors);
        return Json(await ConsumerOperations.ConfigureAsync(
            grains, service, region, group, body.ConsumerVer!, (int)body.Partitions!.Value, RegionEndpoints.Principal(user), LedgerPolicies.Parse(body.LedgerPolicy)));
    }

    private static async Task<IResult> HeartbeatAsync(HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<HeartbeatBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = Names(service, region, ("group", group), throwIfAny: false);
        NameRules.CheckText("$.instance_id", body!.InstanceId, ConsumerPointerRules.MaxKeyLength, errors);
        ManifestValidator.CheckVersion("$.consumer_ver", body.ConsumerVer, errors);
        NameRules.ThrowIfAny(errors);
        return Json(await ConsumerOperations.HeartbeatAsync(grains, service, region, group, body.InstanceId!, body.ConsumerVer!, body.Paused ?? false));
    }

    private static async Task<IResult> CommitAsync(HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<CommitBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = Names(service, region, ("group", group), throwIfAny: false);
        var key = context.Request.Headers.TryGetValue(IdempotencyHeader, out var keys) ? keys.ToString() : null;
        NameRules.CheckText(IdempotencyHeader, key, ConsumerPointerRules.MaxKeyLength, errors);
        BodyRules.Range(errors, "$.partition", body!.Partition, 0, ConsumerLimits.MaxPartitions - 1);
        BodyRules.Range(errors, "$.offset", body.Offset, 0, long.MaxValue);
        BodyRules.Range(errors, "$.token", body.Token, 0, long.MaxValue);
        NameRules.CheckText("$.payload_hash", body.PayloadHash, ConsumerPointerRules.MaxKeyLength, errors);
        ManifestValidator.CheckVersion("$.consumer_ver", body.ConsumerVer, errors);
        NameRules.ThrowIfAny(errors);

        var result = await ConsumerOperations.CommitAsync(grains, service, region, group, new CommitRequest
        {
            Partition = (int)body.Partition!.Value,
            Offset = body.Offset!.Value,
            IdempotencyKey = key!,
            PayloadHash = body.PayloadHash!,
            Token = body.Token!.Value,
            ConsumerVer = body.ConsumerVer!,
        });

        // Accepted and duplicate are answers a consumer acts on; the rest refuse the commit.
        return result.Outcome switch
        {
            CommitOutcome.Accepted or CommitOutcome.Duplicate => Json(result),
            CommitOutcome.Conflict => ApiProblems.Result(ApiProblems.Create(
                StatusCodes.Status409Conflict, nameof(CoordinatorErrorCode.IdempotencyKeyConflict), "Conflict with the current state",
                result.Reason ?? $"idempotency key '{key}' was already used for a different payload", [])),
            CommitOutcome.Fenced => ApiProblems.Result(ApiProblems.Create(
                StatusCodes.Status409Conflict, "Fenced", "Fenced", result.Reason ?? "the token no longer holds the pointer: heartbeat for a new directive", [])),
            _ => ApiProblems.Result(ApiProblems.Create(
                StatusCodes.Status503ServiceUnavailable, result.Outcome.ToString(), "Refused for now", result.Reason ?? result.Outcome.ToString(), [])),
        };
    }

    private static async Task<IResult> MoveAsync(
        HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<MoveBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = Names(service, region, ("group", group), throwIfAny: false);
        var key = context.Request.Headers.TryGetValue(IdempotencyHeader, out var keys) ? keys.ToString() : null;
        if (key is not null)
        {
            NameRules.CheckText(IdempotencyHeader, key, ConsumerPointerRules.MaxKeyLength, errors);
        }

        ManifestValidator.CheckVersion("$.to_consumer_ver", body!.ToConsumerVer, errors);
        NameRules.CheckText("$.reason", body.Reason, Limits.MaxReasonLength, errors);
        BodyRules.Range(errors, "$.drain_timeout_seconds", body.DrainTimeoutSeconds, 1, (long)ConsumerLimits.MaxDrainTimeout.TotalSeconds, required: false);
        NameRules.ThrowIfAny(errors);

        var move = await ConsumerOperations.StartMoveAsync(grains, service, region, group, new MoveRequest
        {
            ToConsumerVer = body.ToConsumerVer!,
            IdempotencyKey = key ?? Guid.NewGuid().ToString("N"),
            Operator = RegionEndpoints.Principal(user),
            Reason = body.Reason!,
            DrainTimeout = TimeSpan.FromSeconds(body.DrainTimeoutSeconds ?? 30),
        });
        return TypedResults.Json(move, ApiJson.Options, statusCode: move.State == MoveState.Draining ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetMoveAsync(string service, string region, string group, string key, IGrainFactory grains)
    {
        Names(service, region, ("group", group));
        return await ConsumerOperations.GetMoveAsync(grains, service, region, group, key) is { } move
            ? Json(move)
            : ApiProblems.Result(ApiProblems.Create(StatusCodes.Status404NotFound, "NotFound", "Not found", $"{FenceKey.Format(service, region, group)} knows no move with key '{key}'", []));
    }

    private static async Task<IResult> ResetAsync(
        HttpContext context, string service, string region, string group, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (body, problem) = await RequestBody.ReadAsync<ResetBody>(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        var errors = Names(service, region, ("group", group), throwIfAny: false);
        BodyRules.Range(errors, "$.partition", body!.Partition, 0, ConsumerLimits.MaxPartitions - 1);
        BodyRules.Range(errors, "$.offset", body.Offset, 0, long.MaxValue);
        NameRules.CheckText("$.reason", body.Reason, Limits.MaxReasonLength, errors);
        NameRules.ThrowIfAny(errors);
        var (_, after) = await ConsumerOperations.ResetOffsetAsync(
            grains, service, region, group, (int)body.Partition!.Value, body.Offset!.Value, RegionEndpoints.Principal(user), body.Reason!);
        return Json(after);
    }

    internal const string IdempotencyHeader = "Idempotency-Key";

    private static void Ttl(List<FieldError> errors, long? seconds) =>
        BodyRules.Range(errors, "$.ttl_seconds", seconds, (long)LeaseRules.MinTtl.TotalSeconds, (long)LeaseRules.MaxTtl.TotalSeconds);

    private static List<FieldError> Names(string service, string region, (string Field, string Value)? fence = null, bool throwIfAny = true)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("region", region, errors);
        if (fence is { } f)
        {
            NameRules.Check(f.Field, f.Value, errors);
        }

        if (throwIfAny)
        {
            NameRules.ThrowIfAny(errors);
        }

        return errors;
    }

    private static IResult Json<T>(T value) => TypedResults.Json(value, ApiJson.Options);
}

/// <summary>Whether the token still held the lease it released.</summary>
public sealed record ReleaseResponse(bool Released);

using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Api.Auth;
using Coordinator.Api.Bodies;
using Coordinator.Api.Problems;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Coordinator.Domain;
using Coordinator.Operations.Audit;
using Coordinator.Operations.Campaigns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coordinator.Api.Endpoints;

/// <summary>A service's campaigns: plan (dry run), start, list, status, the operator's decisions, approvals and the audit chain.</summary>
public static class CampaignEndpoints
{
    private const string Campaigns = "/services/{service}/campaigns";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(Campaigns + "/plan", PlanAsync).WithName("PlanCampaign").RequireRoles(ApiRoles.ReadPolicy).Takes<JsonObject>().Answers<PlanResponse>()
            .WithSummary("Dry run: checks a campaign spec against the service's registered regions and answers its plan or every error by JSON path; changes nothing.");
        api.MapPost(Campaigns, StartAsync).WithName("StartCampaign").RequireRoles(ApiRoles.Operator).Takes<JsonObject>()
            .Answers<StartResponse>(StatusCodes.Status201Created).Answers<StartResponse>().Problems(StatusCodes.Status409Conflict)
            .WithSummary("Starts a campaign (201); the same id and spec again answers the first start (200, replayed). The principal is the campaign's operator.");
        api.MapGet(Campaigns, ListAsync).WithName("ListCampaigns").RequireRoles(ApiRoles.ReadPolicy).Answers<List<CampaignStatus>>()
            .WithSummary("The current campaign and the last finished ones.");
        api.MapGet(Campaigns + "/audit", AuditAsync).WithName("GetCampaignAudit").RequireRoles(ApiRoles.ReadPolicy).Answers<AuditResponse>()
            .WithSummary("The service's campaign command chain; ?verify=true checks it on the grain and here.");
        api.MapGet(Campaigns + "/{id}", StatusAsync).WithName("GetCampaign").RequireRoles(ApiRoles.ReadPolicy).Answers<CampaignStatus>().Problems(StatusCodes.Status404NotFound)
            .WithSummary("A campaign's status: waves, regions, checklist steps, gates, approvals.");
        api.MapPost(Campaigns + "/{id}/approve", ApproveAsync).WithName("ApproveCampaign").RequireRoles(ApiRoles.Approver).Takes<ReasonBody>().Answers<CampaignStatus>()
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Approves a waiting campaign; under the two-person rule the principal that started it cannot.");
        foreach (var action in Enum.GetValues<CampaignAction>())
        {
            var verb = action.ToString().ToLowerInvariant();
            api.MapPost(Campaigns + "/{id}/" + verb, (HttpContext context, string service, string id, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user) =>
                    ActAsync(context, action, service, id, grains, options, user))
                .WithName(action + "Campaign").RequireRoles(ApiRoles.Operator).Takes<ReasonBody>().Answers<CampaignStatus>()
                .Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
                .WithSummary($"The operator's {verb} of a running campaign, with a reason for the audit chain.");
        }
    }

    private static async Task<IResult> PlanAsync(HttpContext context, string service, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        CheckService(service);
        var (result, plan) = await CampaignOperations.PlanAsync(grains, AsPrincipal(text!, RegionEndpoints.Principal(user)), service);
        return result.Spec is { } spec && spec.Service != service
            ? ApiProblems.Result(ApiProblems.Invalid([WrongService(spec, service)]))
            : TypedResults.Json(new PlanResponse(result.IsValid, RegionsChecked: true, [.. result.Errors.Select(e => new FieldProblem(e.Field, e.Reason))], plan), ApiJson.Options);
    }

    private static async Task<IResult> StartAsync(HttpContext context, string service, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(context, options);
        if (problem is not null)
        {
            return ApiProblems.Result(problem);
        }

        CheckService(service);
        var result = CampaignSpecReader.Read(AsPrincipal(text!, RegionEndpoints.Principal(user)), await CampaignOperations.RegisteredRegionsAsync(grains, service));
        NameRules.ThrowIfAny(result.Errors);
        if (result.Spec!.Service != service)
        {
            NameRules.ThrowIfAny([WrongService(result.Spec, service)]);
        }

        var (status, replayed) = await CampaignOperations.StartAsync(grains, result.Spec);
        return TypedResults.Json(new StartResponse(replayed, status), ApiJson.Options, statusCode: replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(string service, IGrainFactory grains)
    {
        CheckService(service);
        return TypedResults.Json(await CampaignOperations.ListAsync(grains, service), ApiJson.Options);
    }

    private static async Task<IResult> StatusAsync(string service, string id, IGrainFactory grains)
    {
        CheckService(service, id);
        return TypedResults.Json(await CampaignOperations.GetAsync(grains, service, id), ApiJson.Options);
    }

    private static async Task<IResult> AuditAsync(HttpContext context, string service, IGrainFactory grains)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        var verify = QueryValues.Flag(context.Request, "verify", errors);
        NameRules.ThrowIfAny(errors);
        return RegionEndpoints.Audit(await AuditOperations.ReadAsync(AuditSubject.Campaigns(grains, service), verify));
    }

    private static async Task<IResult> ApproveAsync(HttpContext context, string service, string id, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (reason, problem) = await ReasonAsync(context, service, id, options);
        return problem ?? TypedResults.Json(await CampaignOperations.ApproveAsync(grains, service, id, RegionEndpoints.Principal(user), reason!), ApiJson.Options);
    }

    private static async Task<IResult> ActAsync(
        HttpContext context, CampaignAction action, string service, string id, IGrainFactory grains, ApiOptions options, ClaimsPrincipal user)
    {
        var (reason, problem) = await ReasonAsync(context, service, id, options);
        return problem ?? TypedResults.Json(await CampaignOperations.ActAsync(grains, action, service, id, RegionEndpoints.Principal(user), reason!), ApiJson.Options);
    }

    /// <summary>The body's reason, every bad input named (names in the route, the reason by JSON path).</summary>
    private static async Task<(string? Reason, IResult? Problem)> ReasonAsync(HttpContext context, string service, string id, ApiOptions options)
    {
        var (body, problem) = await RequestBody.ReadAsync<ReasonBody>(context, options);
        if (problem is not null)
        {
            return (null, ApiProblems.Result(problem));
        }

        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        NameRules.Check("id", id, errors);
        NameRules.CheckText("$.reason", body!.Reason, Limits.MaxReasonLength, errors);
        NameRules.ThrowIfAny(errors);
        return (body.Reason, null);
    }

    /// <summary>
    /// The spec with the principal as its operator: the audit chain and the two-person rule record who
    /// called, never a name written in the document. Text that is not a JSON object is left for the reader to report.
    /// </summary>
    private static string AsPrincipal(string json, string principal)
    {
        try
        {
            if (JsonNode.Parse(json) is JsonObject root)
            {
                root["operator"] = principal;
                return root.ToJsonString();
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // The reader reports it with its line and position.
        }

        return json;
    }

    private static FieldError WrongService(CampaignSpec spec, string service) =>
        new("$.service", $"'{spec.Service}' is not the service in the path ('{service}')");

    private static void CheckService(string service, string? id = null)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", service, errors);
        if (id is not null)
        {
            NameRules.Check("id", id, errors);
        }

        NameRules.ThrowIfAny(errors);
    }
}

/// <summary>A dry run's answer: valid with its plan, or every error by JSON path.</summary>
public sealed record PlanResponse(bool Valid, bool RegionsChecked, IReadOnlyList<FieldProblem> Errors, CampaignPlan? Plan);

/// <summary>A started campaign; replayed when the same id and spec had been started before (nothing changed).</summary>
public sealed record StartResponse(bool Replayed, CampaignStatus Campaign);

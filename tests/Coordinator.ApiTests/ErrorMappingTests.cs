using Coordinator.Api.Problems;
using Coordinator.Operations.Errors;

namespace Coordinator.ApiTests;

/// <summary>
/// The one error model's table: each failure the cluster can raise maps to its status and stable type.
/// (Storage and silo outages are exercised end to end by the Azurite suites; here the mapping itself.)
/// </summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<Exception, int, string> Cases => new()
    {
        { new StorageUnavailableException("rag-api/eu-west", "TimeoutException"), 503, "urn:coordinator:problem:storage-unavailable" },
        { new Orleans.Runtime.SiloUnavailableException("gone"), 503, "urn:coordinator:problem:cluster-unavailable" },
        { new TimeoutException("slow"), 503, "urn:coordinator:problem:cluster-unavailable" },
        { new RegionClaimedException("rag-api/eu-west", "c1"), 423, "urn:coordinator:problem:region-claimed" },
        { new StaleEpochException("rag-api/eu-west", 1, 2), 409, "urn:coordinator:problem:stale-epoch" },
        { new CoordinatorException(CoordinatorErrorCode.CampaignRunning, "busy"), 409, "urn:coordinator:problem:campaign-running" },
        { new InvalidInputException("$.to", "is required"), 400, "urn:coordinator:problem:invalid-input" },
        { new NotFoundException("campaign", "id", "no such"), 404, "urn:coordinator:problem:not-found" },
        { new InvalidOperationException("secret internals"), 500, "urn:coordinator:problem:unexpected" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_has_its_status_and_type_and_no_internals(Exception exception, int status, string type)
    {
        var problem = ApiProblems.From(OperationErrors.Classify(exception));

        Assert.Equal(status, problem.Status);
        Assert.Equal(type, problem.Type);
        Assert.DoesNotContain("secret internals", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_epoch_after_an_if_match_is_412()
    {
        Assert.Equal(412, ApiProblems.From(OperationErrors.Classify(new StaleEpochException("r", 1, 2)), preconditionGiven: true).Status);
    }
}

using System.Net;
using Coordinator.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace Coordinator.ApiTests;

/// <summary>
/// Storage that does not confirm a write: the API answers 503 with the storage-unavailable type and
/// readers keep seeing the state before it. The silo's own storage is wrapped so writes of one
/// service's grains fail, as an outage would end them.
/// </summary>
public sealed class OutageTests
{
    private const string Broken = "outage";

    [Fact]
    public async Task A_write_storage_did_not_confirm_is_503_and_readers_still_see_the_state_before_it()
    {
        await using var silo = await EmbeddedSilo.StartAsync(
            "api-outage", "api-outage", logging => logging.SetMinimumLevel(LogLevel.Critical),
            configureSilo: silo => silo.WrapCoordinatorStorage(inner => new FailingWritesStorage(inner)));
        using var client = new HttpClient { BaseAddress = silo.HttpBaseAddress };

        var response = await client.PutAsync($"api/v1/services/{Broken}/regions/eu-west/arms/blue", ApiFixture.Json(Manifests.Json("idx-blue")));
        var read = await client.GetAsync($"api/v1/services/{Broken}/regions/eu-west/active");

        var problem = await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Contains("outcome unknown", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(read, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_request_storage_never_answers_is_504_after_the_request_timeout()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var silo = await EmbeddedSilo.StartAsync(
            "api-stuck", "api-stuck", logging => logging.SetMinimumLevel(LogLevel.Critical),
            settings: new Dictionary<string, string?> { ["Coordinator:Api:RequestTimeoutSeconds"] = "1" },
            configureSilo: silo => silo.WrapCoordinatorStorage(inner => new HeldWritesStorage(inner, held.Task)));
        using var client = new HttpClient { BaseAddress = silo.HttpBaseAddress };
        try
        {
            var response = await client.PutAsync($"api/v1/services/{Broken}/regions/eu-west/arms/blue", ApiFixture.Json(Manifests.Json("idx-blue")));

            var problem = await Problems.AssertAsync(response, HttpStatusCode.GatewayTimeout, "request-timeout");
            Assert.Contains("outcome is unknown", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            // The held write ends as an outage would, so the silo stops without waiting for it.
            held.TrySetException(new TimeoutException("storage did not answer (test)"));
        }
    }

    /// <summary>Holds every write of the broken service's grains until <paramref name="release"/> ends; the rest pass through.</summary>
    private sealed class HeldWritesStorage(IGrainStorage inner, Task release) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (grainId.Key.ToString()!.StartsWith(Broken + "/", StringComparison.Ordinal))
            {
                await release;
            }

            await inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>Fails every write of the broken service's grains (a timeout, as an outage ends a write); the rest pass through.</summary>
    private sealed class FailingWritesStorage(IGrainStorage inner) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            grainId.Key.ToString()!.StartsWith(Broken + "/", StringComparison.Ordinal)
                ? Task.FromException(new TimeoutException("storage did not answer (test)"))
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

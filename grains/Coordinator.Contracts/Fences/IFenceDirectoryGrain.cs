using Orleans.Concurrency;

namespace Coordinator.Fences;

/// <summary>
/// The lease writers and consumer groups of one (service, region); key "service/region". Names are
/// only ever added, before the lease or pointer they name first persists state, so a console or a
/// campaign can list every fence of a region without a scan of storage.
/// </summary>
[Alias("coordinator.IFenceDirectoryGrain")]
public interface IFenceDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="writer"/>; adding a known writer changes nothing.</summary>
    [Alias("AddWriter")]
    Task AddWriterAsync(string writer);

    /// <summary>Records <paramref name="group"/>; adding a known group changes nothing.</summary>
    [Alias("AddConsumerGroup")]
    Task AddConsumerGroupAsync(string group);

    /// <summary>Every writer and consumer group recorded so far, in ordinal order; empty for an unknown region.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("Get")]
    Task<FenceDirectory> GetAsync();
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Coordinator.TestKit;

/// <summary>
/// Makes the flip stream's pulling agents poll once a day, so within a test the stream delivers nothing
/// and a resolver can only learn of a flip by a pushed notice (or a re-read the test triggers). Works in
/// both storage modes: it overrides only the stream provider's polling period; apply it after the product's set-up.
/// </summary>
public static class SilentFlipStream
{
    public static readonly TimeSpan PollPeriod = TimeSpan.FromDays(1);

    public static void Apply(ISiloBuilder silo) =>
        silo.Services.Configure<StreamPullingAgentOptions>(FlipStream.NoticeProviderName, o => o.GetQueueMsgsTimerPeriod = PollPeriod);
}

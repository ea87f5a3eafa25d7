using Coordinator.Campaigns;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Campaigns;

public sealed partial class CutoverGrain
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Campaign {Campaign} for {Service} started: {Regions} regions in {Waves} waves")]
    private static partial void LogStarted(ILogger logger, string service, string campaign, int regions, int waves);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Campaign {Campaign} for {Service} ended {State}: {Reason}")]
    private static partial void LogFinished(ILogger logger, string service, string campaign, CampaignState state, string? reason);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "ETag conflict on the campaigns of {Service} (round {Round}); re-read, deciding again")]
    private static partial void LogConflict(ILogger logger, string service, int round);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "A step of campaign {Campaign} for {Service} failed; it is retried on the next tick")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string service, string campaign);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Campaign {Campaign} for {Service} is rolling back: {Reason}")]
    private static partial void LogRollingBack(ILogger logger, string service, string campaign, string reason);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "Publishing campaign events of {Service} failed; followers catch up from the status")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Warning, Message = "Could not remove audit segment {Segment} of the campaigns of {Service} after its write lost an ETag race; it is named by no state")]
    private static partial void LogSegmentCleanupFailed(ILogger logger, Exception exception, string service, string segment);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Error, Message = "Rollback of campaign {Campaign} for {Service} is blocked in {Regions}; an operator must fix it and run rollback again")]
    private static partial void LogRollbackBlocked(ILogger logger, string service, string campaign, string regions);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "Warm evaluation of {Region} for campaign {Campaign} of {Service} is no longer wanted ({Why}); its result is ignored")]
    private static partial void LogWarmRunIgnored(ILogger logger, string service, string campaign, string region, string why);
}

// Every test here drives a real cluster against one shared Azurite on a 2-core machine: run them
// one at a time so timings stay predictable.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

// Every integration test runs several processes; on a two-core machine they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

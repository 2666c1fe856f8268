// The simulator tests run real processes and one of them measures throughput: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

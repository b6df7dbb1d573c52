package io.wschannels.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Outcome of one workload on one target. */
record Result(double throughput, double p50, double p99, long heapBefore, long heapAfter) {
    /** The median of each measure on its own. */
    static Result median(List<Result> results) {
        return new Result(
                median(results, Result::throughput), median(results, Result::p50), median(results, Result::p99), 0, 0);
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> measure) {
        double[] values = results.stream().mapToDouble(measure).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}

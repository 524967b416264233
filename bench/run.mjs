// `npm run bench`: the benchmarks of weight, speed and scale are not written yet (they come
// with the benchmarks issue). Until then this says so instead of printing made-up figures.
console.log('No benchmarks yet: bench/ will measure weight, host-page cost, server throughput, growth and crypto.');

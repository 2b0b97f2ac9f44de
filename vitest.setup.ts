import fc from 'fast-check'

// Property tests run 100 times locally and 1,000 times in CI (CI=true), where the seed is printed on
// failure so a run can be replayed with `fc.configureGlobal({ seed })`.
fc.configureGlobal({ numRuns: process.env['CI'] === 'true' ? 1000 : 100 })

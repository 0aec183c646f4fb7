package a1.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.gossip.GossipRound;
import org.junit.jupiter.api.Test;

/** Small deterministic swarms: properties of the real gossip, assignment and routing code under the simulator. */
class SimulationTest {
    private static SimParams small(int peers, double medianSession, int seconds, long seed) {
        return new SimParams(peers, 24, 4, 10, medianSession, seconds, 2_000, 3, GossipRound.SAMPLE, 10_000, 1.2, 0.5, seed);
    }

    @Test
    void withoutChurnEveryLayerIsCoveredSoonAndEveryRequestSucceeds() {
        RunResult r = Simulation.run(small(30, 0, 150, 1), false);
        assertTrue(r.coverageSeconds() >= 0 && r.coverageSeconds() < 10, "covered after " + r.coverageSeconds() + " s");
        assertEquals(1.0, r.coveredFraction());
        assertTrue(r.requests() > 20, r.requests() + " requests");
        assertEquals(1.0, r.successRate());
        assertEquals(0, r.failovers());
        assertEquals(0, r.capped());
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
        RunResult a = Simulation.run(small(20, 120, 120, 7), false), b = Simulation.run(small(20, 120, 120, 7), false);
        assertEquals(outcome(a), outcome(b));
        assertTrue(!outcome(a).equals(outcome(Simulation.run(small(20, 120, 120, 8), false))));
    }

    @Test
    void realSignaturesChangeNothingButTheCost() {
        RunResult real = Simulation.run(small(12, 0, 60, 3), true), shared = Simulation.run(small(12, 0, 60, 3), false);
        assertEquals(outcome(real), outcome(shared));
        assertTrue(real.signMicros() > 0 && real.verifyMicros() > 0);
    }

    @Test
    void underChurnPeersLeaveMidRequestAndClientsFailOver() {
        RunResult r = Simulation.run(small(40, 60, 300, 2), false);
        assertTrue(r.failovers() > 0, "no request met a departed peer");
        assertTrue(r.successRate() > 0.5, "success " + r.successRate());
        assertTrue(r.coveredFraction() > 0.5, "covered " + r.coveredFraction());
    }

    @Test
    void messagesSmallerThanTheSwarmLeavePartialViewsThatStillServeEveryRequest() {
        RunResult sampled = Simulation.run(small(60, 300, 100, 4).withSample(8), false);
        RunResult whole = Simulation.run(small(60, 300, 100, 4), false);
        assertTrue(sampled.capped() > 0);
        assertTrue(sampled.viewFraction() < 0.8 * whole.viewFraction(), "views " + sampled.viewFraction() + " against " + whole.viewFraction());
        assertTrue(sampled.bytesPerPeerMinute() < whole.bytesPerPeerMinute() / 4, sampled.bytesPerPeerMinute() + " against " + whole.bytesPerPeerMinute() + " bytes");
        assertEquals(1.0, sampled.coveredFraction());
        assertTrue(sampled.requests() > 10, sampled.requests() + " requests");
        assertEquals(1.0, sampled.successRate());
    }

    @Test
    void aSwarmTooSmallForTheModelNeverCoversItAndItsRequestsFail() {
        RunResult r = Simulation.run(new SimParams(2, 24, 4, 10, 0, 150, 2_000, 3, GossipRound.SAMPLE, 10_000, 1.2, 0.5, 1), false);
        assertEquals(-1, r.coverageSeconds());
        assertTrue(r.requests() > 0);
        assertEquals(0.0, r.successRate(), "a request gives up when no peer offers its layers for 30 s");
    }

    private static String outcome(RunResult r) {
        return String.join(" ", String.valueOf(r.coverageSeconds()), String.valueOf(r.coveredFraction()), String.valueOf(r.bottleneck()),
                String.valueOf(r.requests()), String.valueOf(r.successRate()), String.valueOf(r.failovers()), String.valueOf(r.p50()),
                String.valueOf(r.p99()), String.valueOf(r.bytesPerPeerMinute()), String.valueOf(r.movesPerPeerHour()));
    }
}

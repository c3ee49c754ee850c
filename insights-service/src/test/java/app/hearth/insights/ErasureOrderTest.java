package app.hearth.insights;

import app.hearth.testsupport.ErasureOrderContract;
import io.quarkus.test.junit.QuarkusTest;

/** Erasure holds in every order this service's consumers can see events in (the contract generates the cases). */
@QuarkusTest
class ErasureOrderTest extends ErasureOrderContract {}

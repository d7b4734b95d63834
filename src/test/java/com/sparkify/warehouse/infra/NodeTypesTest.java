package com.sparkify.warehouse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;

import com.sparkify.warehouse.run.JobService;
import com.sparkify.warehouse.run.TestJobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * The settings AWS would refuse, checked before any AWS call: the node counts per RA3 type and the
 * Serverless base capacities and names as docs/redshift.md cites them, at each edge.
 */
class NodeTypesTest {

    @ParameterizedTest
    @CsvSource({ "ra3.large,1", "ra3.large,16", "ra3.xlplus,1", "ra3.xlplus,32", "ra3.4xlarge,2", "ra3.4xlarge,64",
            "ra3.16xlarge,2", "ra3.16xlarge,128" })
    void shouldAcceptEachRa3TypeAtTheEdgesOfItsRange(String type, int nodes) {
        assertThatCode(() -> NodeTypes.checkCluster(type, nodes)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({ "ra3.large,0,1,16", "ra3.large,17,1,16", "ra3.xlplus,33,1,32", "ra3.4xlarge,1,2,64",
            "ra3.4xlarge,65,2,64", "ra3.16xlarge,1,2,128", "ra3.16xlarge,129,2,128" })
    void shouldRefuseANodeCountOutsideTheTypesRange(String type, int nodes, int min, int max) {
        assertThatThrownBy(() -> NodeTypes.checkCluster(type, nodes)).isInstanceOf(InvalidInfraSettingException.class)
                .hasMessageStartingWith("sparkify.infra.number-of-nodes: " + nodes + " nodes: a " + type
                        + " cluster has " + min + " to " + max + " nodes")
                .extracting(e -> ((InvalidInfraSettingException) e).setting())
                .isEqualTo("sparkify.infra.number-of-nodes");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dc2.large", "dc2.8xlarge", "ds2.xlarge", "DC2.LARGE" })
    void shouldRefusePreviousGenerationTypes(String type) {
        assertThatThrownBy(() -> NodeTypes.checkCluster(type, 2)).isInstanceOf(InvalidInfraSettingException.class)
                .hasMessageContaining("previous-generation node type")
                .extracting(e -> ((InvalidInfraSettingException) e).setting()).isEqualTo("sparkify.infra.node-type");
    }

    @Test
    void shouldRefuseAnUnknownType() {
        assertThatThrownBy(() -> NodeTypes.checkCluster("ra3.medium", 2)).hasMessage("sparkify.infra.node-type: "
                + "'ra3.medium' is not a node type new clusters can be created with; choose one of ra3.large, "
                + "ra3.xlplus, ra3.4xlarge, ra3.16xlarge");
    }

    @ParameterizedTest
    @ValueSource(ints = { 4, 8, 16, 24, 128, 512, 544, 1024 })
    void shouldAcceptTheDocumentedBaseCapacities(int rpus) {
        assertThatCode(() -> NodeTypes.checkServerless(serverless("sparkify", "sparkify", rpus)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 2, 6, 12, 516, 520, 1056, 2048 })
    void shouldRefuseOtherBaseCapacities(int rpus) {
        assertThatThrownBy(() -> NodeTypes.checkServerless(serverless("sparkify", "sparkify", rpus)))
                .isInstanceOf(InvalidInfraSettingException.class)
                .hasMessageStartingWith("sparkify.infra.serverless.base-capacity: " + rpus + " RPUs");
    }

    @Test
    void shouldRefuseNamesAwsWouldRefuse() {
        assertThatThrownBy(() -> NodeTypes.checkServerless(serverless("Sparkify", "sparkify", 4)))
                .hasMessageStartingWith("sparkify.infra.serverless.namespace: 'Sparkify' is not a valid name");
        assertThatThrownBy(() -> NodeTypes.checkServerless(serverless("sparkify", "wg", 4)))
                .hasMessageStartingWith("sparkify.infra.serverless.workgroup: 'wg' is not a valid name");
    }

    @Test
    void shouldRefuseTheRequestBeforeAnyJobOrAwsCall() {
        // Endpoints nobody listens on: any AWS call would fail with a different error.
        URI nowhere = URI.create("http://localhost:9");
        TestInfraSettings settings = TestInfraSettings.of(nowhere, nowhere).withNodes("dc2.large", 2);
        JobService jobs = TestJobs.inMemoryService();
        try {
            ClusterService service = new ClusterService(jobs, settings, AnonymousCredentialsProvider.create());
            assertThatThrownBy(service::create).isInstanceOf(InvalidInfraSettingException.class)
                    .extracting(e -> ((InvalidInfraSettingException) e).setting()).isEqualTo("sparkify.infra.node-type");
            assertThat(jobs.list(null, null, 10)).isEmpty();
        } finally {
            TestJobs.stop(jobs);
        }
    }

    private static InfraSettings.Serverless serverless(String namespace, String workgroup, int rpus) {
        return new TestInfraSettings.TestServerless(namespace, workgroup, rpus, Optional.empty(), Optional.empty());
    }
}

package com.sparkify.warehouse.infra;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What AWS accepts for a new cluster or workgroup, checked before any AWS call so that a setting it
 * would refuse fails the request at once, naming the setting (docs/redshift.md cites the pages).
 */
final class NodeTypes {

    static final String NODE_TYPE = "sparkify.infra.node-type";
    static final String NUMBER_OF_NODES = "sparkify.infra.number-of-nodes";
    static final String NAMESPACE = "sparkify.infra.serverless.namespace";
    static final String WORKGROUP = "sparkify.infra.serverless.workgroup";
    static final String BASE_CAPACITY = "sparkify.infra.serverless.base-capacity";

    /** Nodes a new cluster of the type may have; a minimum of 1 allows a single-node cluster. */
    record NodeRange(int min, int max) {
    }

    /** The RA3 types, the only current ones that new clusters can be created with. */
    static final Map<String, NodeRange> RA3 = Map.of(
            "ra3.large", new NodeRange(1, 16),
            "ra3.xlplus", new NodeRange(1, 32),
            "ra3.4xlarge", new NodeRange(2, 64),
            "ra3.16xlarge", new NodeRange(2, 128));
    /** The same, smallest first, for messages. */
    static final List<String> RA3_NAMES = List.of("ra3.large", "ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge");

    private static final Pattern SERVERLESS_NAME = Pattern.compile("[a-z0-9-]{3,64}");

    private NodeTypes() {
    }

    /** Checks the settings of the configured kind; throws naming the first one AWS would refuse. */
    static void check(InfraSettings settings) {
        if (settings.kind() == InfraSettings.Kind.SERVERLESS) {
            checkServerless(settings.serverless());
        } else {
            checkCluster(settings.nodeType(), settings.numberOfNodes());
        }
    }

    static void checkCluster(String nodeType, int nodes) {
        NodeRange range = RA3.get(nodeType);
        if (range == null) {
            String type = nodeType.toLowerCase(Locale.ROOT);
            String why = type.startsWith("dc2.") || type.startsWith("ds2.") || type.startsWith("dc1.")
                    ? "'" + nodeType + "' is a previous-generation node type that new clusters can no longer be "
                            + "created with"
                    : "'" + nodeType + "' is not a node type new clusters can be created with";
            throw new InvalidInfraSettingException(NODE_TYPE, why + "; choose one of " + String.join(", ", RA3_NAMES));
        }
        if (nodes < range.min() || nodes > range.max()) {
            throw new InvalidInfraSettingException(NUMBER_OF_NODES, nodes + " nodes: a " + nodeType + " cluster has "
                    + range.min() + " to " + range.max() + " nodes" + (range.min() == 1 ? " (1 = single-node)" : ""));
        }
    }

    static void checkServerless(InfraSettings.Serverless serverless) {
        name(NAMESPACE, serverless.namespace());
        name(WORKGROUP, serverless.workgroup());
        int rpus = serverless.baseCapacity();
        boolean valid = rpus == 4 || rpus >= 8 && rpus <= 512 && rpus % 8 == 0
                || rpus > 512 && rpus <= 1024 && rpus % 32 == 0;
        if (!valid) {
            throw new InvalidInfraSettingException(BASE_CAPACITY, rpus + " RPUs: the base capacity is 4, or a "
                    + "multiple of 8 from 8 to 512, or of 32 from 512 to 1024 (where the region offers it)");
        }
    }

    private static void name(String setting, String value) {
        if (!SERVERLESS_NAME.matcher(value).matches()) {
            throw new InvalidInfraSettingException(setting, "'" + value + "' is not a valid name: 3 to 64 lower-case "
                    + "letters, digits and hyphens");
        }
    }
}

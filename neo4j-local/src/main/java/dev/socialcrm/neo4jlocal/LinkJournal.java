package dev.socialcrm.neo4jlocal;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.PropertyEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;

/**
 * Writes, inside every committing transaction that changes links, one {@code (:LinkChange)} node
 * naming the entities whose links changed. The service keeps an in-memory index of who is linked
 * to whom and must hear of every writer (its own mutations, the import CLI, other instances, raw
 * Cypher); being part of the same transaction, an entry exists exactly when the change does.
 * Entries carry ids only: the service re-reads those entities rather than replaying changes.
 *
 * <p>Bookkeeping never fails a user's transaction: an id that cannot be determined turns the entry
 * into {@code reset: true} ("re-load everything"), and a failure to write the entry is logged.
 */
public final class LinkJournal implements TransactionEventListener<Void> {

    // The link index (TypeScript side) relies on these names: the labels, the relationship types
    // below, the entry's label and property names and the probe. Change them together.
    static final Label LINK_CHANGE = Label.label("LinkChange");
    static final Label PROBE = Label.label("LinkJournalProbe");
    private static final String PROBE_FLAG = "journaled";
    private static final String ID = "id";
    private static final String OCCURRED_AT = "occurredAt";

    private static final String PERSON = "Person";
    private static final String SOCIAL_ACCOUNT = "SocialAccount";
    private static final String INTERACTION = "Interaction";
    private static final String ORGANIZATION = "Organization";
    private static final Label CONSENT = Label.label("Consent");
    private static final RelationshipType GAVE = RelationshipType.withName("GAVE");

    /** The lists of an entry, named as its properties. */
    private enum Bucket {
        PEOPLE("people"), ACCOUNTS("accounts"), INTERACTIONS("interactions"), ORGANIZATIONS("organizations");

        final String property;

        Bucket(String property) {
            this.property = property;
        }
    }

    private static final Set<String> TIE_TYPES =
            Set.of("KNOWS", "COLLEAGUE_OF", "FAMILY_OF", "FRIEND_OF", "REFERRED", "REPORTS_TO");
    private static final String FOLLOWS = "FOLLOWS";
    private static final String HAS_ROLE = "HAS_ROLE";

    /**
     * For each relationship type that is a link: which end (by label) goes into which list when a
     * relationship of that type is created or deleted. An end whose label is not named is not
     * recorded (the Organization a post MENTIONS, the User who HANDLED it).
     */
    private static final Map<String, Map<String, Bucket>> RECORDED_ENDS = recordedEnds();

    /** Link types whose properties matter to the index (tie strength, role span, follow date). */
    private static final Set<String> PROPERTIES_MATTER = propertiesMatter();

    /** A deleted node of these labels is recorded under its own id. */
    private static final Map<String, Bucket> DELETED_NODES =
            Map.of(PERSON, Bucket.PEOPLE, SOCIAL_ACCOUNT, Bucket.ACCOUNTS, INTERACTION, Bucket.INTERACTIONS);

    private static Map<String, Map<String, Bucket>> recordedEnds() {
        Map<String, Map<String, Bucket>> ends = new HashMap<>();
        for (String tie : TIE_TYPES) {
            ends.put(tie, Map.of(PERSON, Bucket.PEOPLE));
        }
        ends.put("OWNED_BY", Map.of(PERSON, Bucket.PEOPLE, SOCIAL_ACCOUNT, Bucket.ACCOUNTS));
        ends.put("IS_PERSON", Map.of(PERSON, Bucket.PEOPLE));
        ends.put(GAVE.name(), Map.of(PERSON, Bucket.PEOPLE));
        ends.put(HAS_ROLE, Map.of(PERSON, Bucket.PEOPLE, ORGANIZATION, Bucket.ORGANIZATIONS));
        ends.put(FOLLOWS, Map.of(SOCIAL_ACCOUNT, Bucket.ACCOUNTS));
        for (String interactionLink : new String[] {"PERFORMED", "HANDLED", "MENTIONS", "REPLY_TO"}) {
            ends.put(interactionLink, Map.of(INTERACTION, Bucket.INTERACTIONS));
        }
        return Map.copyOf(ends);
    }

    private static Set<String> propertiesMatter() {
        Set<String> types = new HashSet<>(TIE_TYPES);
        types.add(FOLLOWS);
        types.add(HAS_ROLE);
        return Set.copyOf(types);
    }

    private final PrintStream warnings;

    /** Warnings go to the launcher's stderr, which the Node side logs. */
    public LinkJournal(PrintStream warnings) {
        this.warnings = warnings;
    }

    @Override
    public Void beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService databaseService) {
        try {
            markProbes(data);
        } catch (RuntimeException e) {
            warn("marking a probe failed", e);
        }
        Entry entry = new Entry(data);
        try {
            entry.collect();
        } catch (RuntimeException e) {
            entry.reset = true;
            warn("collecting changed links failed, recording a reset", e);
        }
        if (entry.isEmpty()) {
            return null;
        }
        try {
            entry.writeTo(transaction);
        } catch (RuntimeException e) {
            warn("writing a LinkChange entry failed; the link index misses this transaction", e);
        }
        return null;
    }

    @Override
    public void afterCommit(TransactionData data, Void state, GraphDatabaseService databaseService) {
        // Nothing to do: the entry was committed with the transaction.
    }

    @Override
    public void afterRollback(TransactionData data, Void state, GraphDatabaseService databaseService) {
        // Nothing to do: the entry was rolled back with the transaction.
    }

    /** Lets a client tell this database from one without the journal (which never sets the flag). */
    private static void markProbes(TransactionData data) {
        for (Node node : data.createdNodes()) {
            if (node.hasLabel(PROBE)) {
                node.setProperty(PROBE_FLAG, true);
            }
        }
    }

    private void warn(String message, RuntimeException e) {
        warnings.println("NEO4J_LOCAL_WARN link journal: " + message + ": " + e);
        warnings.flush();
    }

    /** Labels and id of a node as this transaction leaves it, or as it was when deleted here. */
    private record NodeFacts(Set<String> labels, String id) {}

    /** The ids one transaction contributes, and how to find them. */
    private static final class Entry {
        private final TransactionData data;
        private final Map<Bucket, Set<String>> ids = new EnumMap<>(Bucket.class);
        private final Map<String, NodeFacts> deletedNodes = new HashMap<>();
        private final Map<String, NodeFacts> liveNodes = new HashMap<>();
        private boolean reset;

        Entry(TransactionData data) {
            this.data = data;
            for (Bucket bucket : Bucket.values()) {
                ids.put(bucket, new TreeSet<>());
            }
        }

        void collect() {
            rememberDeletedNodes();
            for (Relationship link : data.createdRelationships()) {
                recordEnds(link);
            }
            for (Relationship link : data.deletedRelationships()) {
                recordEnds(link);
            }
            recordLinkPropertyChanges();
            recordNodePropertyChanges();
            for (NodeFacts deleted : deletedNodes.values()) {
                for (String label : deleted.labels()) {
                    Bucket bucket = DELETED_NODES.get(label);
                    if (bucket != null) {
                        record(bucket, deleted.id());
                    }
                }
            }
        }

        /**
         * A node deleted in this transaction can no longer be read, not even its labels: the
         * snapshot lists them as removed labels and removed properties instead.
         */
        private void rememberDeletedNodes() {
            Map<String, Set<String>> labels = new HashMap<>();
            for (Node node : data.deletedNodes()) {
                labels.put(node.getElementId(), new HashSet<>());
            }
            if (labels.isEmpty()) {
                return;
            }
            for (LabelEntry removed : data.removedLabels()) {
                Set<String> of = labels.get(removed.node().getElementId());
                if (of != null) {
                    of.add(removed.label().name());
                }
            }
            Map<String, String> idOf = new HashMap<>();
            for (PropertyEntry<Node> removed : data.removedNodeProperties()) {
                String elementId = removed.entity().getElementId();
                if (ID.equals(removed.key()) && labels.containsKey(elementId)) {
                    idOf.put(elementId, asId(removed.previouslyCommittedValue()));
                }
            }
            for (Map.Entry<String, Set<String>> node : labels.entrySet()) {
                deletedNodes.put(node.getKey(), new NodeFacts(node.getValue(), idOf.get(node.getKey())));
            }
        }

        private void recordLinkPropertyChanges() {
            Set<String> done = new HashSet<>();
            for (PropertyEntry<Relationship> change : data.assignedRelationshipProperties()) {
                recordChangedLink(change.entity(), done);
            }
            for (PropertyEntry<Relationship> change : data.removedRelationshipProperties()) {
                recordChangedLink(change.entity(), done);
            }
        }

        private void recordChangedLink(Relationship link, Set<String> done) {
            if (PROPERTIES_MATTER.contains(link.getType().name()) && done.add(link.getElementId())) {
                recordEnds(link);
            }
        }

        /** Consent decides what may be shown of a person's links; a post's time orders them. */
        private void recordNodePropertyChanges() {
            Set<String> consents = new HashSet<>();
            for (PropertyEntry<Node> change : data.assignedNodeProperties()) {
                Node node = change.entity();
                if (deletedNodes.containsKey(node.getElementId())) {
                    continue;
                }
                if (OCCURRED_AT.equals(change.key()) && node.hasLabel(Label.label(INTERACTION))) {
                    record(Bucket.INTERACTIONS, idOfLiveNode(node));
                }
                noteConsent(node, consents);
            }
            for (PropertyEntry<Node> change : data.removedNodeProperties()) {
                Node node = change.entity();
                if (!deletedNodes.containsKey(node.getElementId())) {
                    noteConsent(node, consents);
                }
            }
        }

        /** The only traversal: from a changed Consent to the person who gave it. */
        private void noteConsent(Node node, Set<String> done) {
            if (!done.add(node.getElementId()) || !node.hasLabel(CONSENT)) {
                return;
            }
            for (Relationship gave : node.getRelationships(Direction.INCOMING, GAVE)) {
                record(Bucket.PEOPLE, idOfLiveNode(gave.getStartNode()));
            }
        }

        private void recordEnds(Relationship link) {
            Map<String, Bucket> ends = RECORDED_ENDS.get(link.getType().name());
            if (ends == null) {
                return;
            }
            recordEnd(link.getStartNode(), ends);
            recordEnd(link.getEndNode(), ends);
        }

        private void recordEnd(Node node, Map<String, Bucket> ends) {
            NodeFacts facts = factsOf(node);
            if (facts == null) {
                reset = true;
                return;
            }
            for (String label : facts.labels()) {
                Bucket bucket = ends.get(label);
                if (bucket != null) {
                    record(bucket, facts.id());
                }
            }
        }

        private NodeFacts factsOf(Node node) {
            String elementId = node.getElementId();
            NodeFacts deleted = deletedNodes.get(elementId);
            if (deleted != null) {
                return deleted;
            }
            NodeFacts known = liveNodes.get(elementId);
            if (known != null) {
                return known;
            }
            try {
                Set<String> labels = new HashSet<>();
                for (Label label : node.getLabels()) {
                    labels.add(label.name());
                }
                NodeFacts facts = new NodeFacts(labels, asId(node.getProperty(ID, null)));
                liveNodes.put(elementId, facts);
                return facts;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }

        private String idOfLiveNode(Node node) {
            NodeFacts facts = factsOf(node);
            return facts == null ? null : facts.id();
        }

        private void record(Bucket bucket, String id) {
            if (id == null) {
                reset = true;
                return;
            }
            ids.get(bucket).add(id);
        }

        private static String asId(Object value) {
            return value instanceof String text ? text : null;
        }

        boolean isEmpty() {
            return !reset && ids.values().stream().allMatch(Set::isEmpty);
        }

        void writeTo(Transaction transaction) {
            Node entry = transaction.createNode(LINK_CHANGE);
            entry.setProperty("at", System.currentTimeMillis());
            for (Map.Entry<Bucket, Set<String>> bucket : ids.entrySet()) {
                entry.setProperty(bucket.getKey().property, bucket.getValue().toArray(new String[0]));
            }
            entry.setProperty("reset", reset);
        }
    }
}

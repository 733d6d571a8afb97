// Social listening (src/features/listening, watch-lists, alerts). Watch lists are found by id and
// created by name: the unique name makes a retried create find the first list.
CREATE CONSTRAINT watch_list_id IF NOT EXISTS FOR (w:WatchList) REQUIRE w.id IS UNIQUE;
CREATE CONSTRAINT watch_list_name IF NOT EXISTS FOR (w:WatchList) REQUIRE w.name IS UNIQUE;
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE;
// A post raises at most one alert per watch list, however often it is ingested or evaluated.
CREATE CONSTRAINT alert_watch_list_post IF NOT EXISTS FOR (a:Alert) REQUIRE (a.watchListId, a.interactionId) IS UNIQUE;
CREATE CONSTRAINT alert_note_id IF NOT EXISTS FOR (n:AlertNote) REQUIRE n.id IS UNIQUE;
// The alert inbox: newest first, filtered by status.
CREATE INDEX alert_created_at IF NOT EXISTS FOR (a:Alert) ON (a.createdAt);
CREATE INDEX alert_status IF NOT EXISTS FOR (a:Alert) ON (a.status);
// A reply that arrived before its post is found by the post's key when the post comes.
CREATE INDEX interaction_reply_to_post IF NOT EXISTS FOR (i:Interaction) ON (i.platform, i.replyToPostId);

// Social posts are ingested from feeds that repeat themselves: (platform, postId) identifies a post
// so that ingest and import are idempotent and safe under concurrency.
CREATE CONSTRAINT interaction_platform_post IF NOT EXISTS FOR (i:Interaction) REQUIRE (i.platform, i.postId) IS UNIQUE;
// Topics are found and merged by name ("e-bikes"); staff log in by login. The unique constraint
// brings its own index, so the plain one from 0002 goes first (Neo4j refuses both on one property).
DROP INDEX topic_name IF EXISTS;
CREATE CONSTRAINT topic_name_unique IF NOT EXISTS FOR (t:Topic) REQUIRE t.name IS UNIQUE;
CREATE CONSTRAINT user_login IF NOT EXISTS FOR (u:User) REQUIRE u.login IS UNIQUE;
CREATE INDEX social_account_followers IF NOT EXISTS FOR (a:SocialAccount) ON (a.followers);
CREATE INDEX interaction_status IF NOT EXISTS FOR (i:Interaction) ON (i.status);
CREATE INDEX product_name IF NOT EXISTS FOR (p:Product) ON (p.name);

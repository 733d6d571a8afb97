import type { Neo4jGateway } from '../core/neo4j/neo4j-gateway';
import { ServerInfoRepository } from '../features/server-info/server-info.repository';
import { ServerInfoService } from '../features/server-info/server-info.service';

/** The composition root for feature services; resolvers reach them through the context. */
export interface Services {
  serverInfo: ServerInfoService;
}

export function createServices(gateway: Neo4jGateway, serviceVersion: string): Services {
  return {
    serverInfo: new ServerInfoService(new ServerInfoRepository(gateway), serviceVersion),
  };
}

/** The tabs of a client's page. Here, below ClientPage and its tabs, so a tab can name another without importing ClientPage. */
export type ClientTab = 'overview' | 'course' | 'measures' | 'inventory' | 'circle' | 'timeline' | 'documents' | 'details';

// Placeholder until the edge lands on this branch's successors.
return 2;
